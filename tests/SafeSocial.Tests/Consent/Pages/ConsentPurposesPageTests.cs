using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Consent.Pages;

/// <summary>A school changes what consent it asks for, and the consent check follows.</summary>
public class ConsentPurposesPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ConsentPolicy> PolicyAsync(Guid orgId)
    {
        await using var db = app.Db.System();
        return await new ConsentPolicyService(db, new Core.Policy.PolicySettingsService(db)).ForAsync(orgId, Ct);
    }

    private async Task<ConsentReason> CheckAsync(Guid school, DemoFamilies.Family f, string purpose)
    {
        await using var db = app.Db.LimitedTo(school);
        var policy = await new ConsentPolicyService(db, new Core.Policy.PolicySettingsService(db)).ForAsync(school, Ct);
        return Assert.Single(await new ConsentCheck(db).CheckAsync(school, [f.PupilId], purpose, DemoFamilies.Today, policy, ct: Ct)).Reason;
    }

    private static string NameError(IHtmlDocument page) => page.QuerySelector("#Name-error")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task AddingAPurpose_GivesItAKeyFromItsName_AndStaffCanRecordIt()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/policy/consent-purposes";

        var added = await head.PostFormAsync(url, [new("Name", "  The printed school newsletter ")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await head.GetPageAsync(url);
        Assert.Contains("\"The printed school newsletter\" is added", list.QuerySelector("#success-message")!.TextContent);
        var row = list.QuerySelector("#purposes tr[data-purpose=the-printed-school-newsletter]")!;
        Assert.Contains("Asked", row.TextContent);
        Assert.Contains("This school", row.TextContent);
        Assert.Equal("The printed school newsletter", (await PolicyAsync(demo.School)).Purpose("the-printed-school-newsletter")?.Name);
        Assert.False((await PolicyAsync(demo.OtherSchool)).HasPurpose("the-printed-school-newsletter"));

        var f = await DemoFamilies.AddAsync(app, demo.School, "Zznewsletter");
        var office = await app.SignedInAsync(DemoTrust.BusinessManager);
        Assert.NotNull((await office.GetPageAsync($"/o/{demo.School}/pupils/{f.PupilId}/consent/record"))
            .QuerySelector("input[name='Decisions[the-printed-school-newsletter]']"));
        Assert.Equal(ConsentReason.NoAnswer, await CheckAsync(demo.School, f, "the-printed-school-newsletter"));
        await DemoFamilies.DecideAsync(app, demo.School, f, "the-printed-school-newsletter", ConsentDecision.Given);
        Assert.Equal(ConsentReason.None, await CheckAsync(demo.School, f, "the-printed-school-newsletter"));
    }

    [Fact]
    public async Task ANameThatIsMissing_TooLong_OrAlreadyUsed_IsRefused_AndKept()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/policy/consent-purposes";
        var before = (await PolicyAsync(demo.School)).Purposes.Count;

        Assert.Equal("Error: Enter the name of the purpose", NameError(await TestClient.ParseAsync(await head.PostFormAsync(url, [new("Name", " ")]))));
        var tooLong = await TestClient.ParseAsync(await head.PostFormAsync(url, [new("Name", new string('x', 201))]));
        Assert.Contains("200 characters or fewer", NameError(tooLong));
        Assert.Equal(new string('x', 201), ((IHtmlInputElement)tooLong.QuerySelector("#Name")!).Value);
        Assert.Contains("already a purpose called \"School website\"", NameError(await TestClient.ParseAsync(await head.PostFormAsync(url, [new("Name", "school WEBSITE")]))));
        var renamed = $"/o/{demo.School}/policy/consent-purposes/{ConsentPurpose.TrustSocialMedia}";
        var clash = await TestClient.ParseAsync(await head.PostFormAsync(renamed, [new("Name", "Video"), new("Offered", "asked")]));
        Assert.Contains("already a purpose called \"Video\"", NameError(clash));
        Assert.Equal(before, (await PolicyAsync(demo.School)).Purposes.Count);
    }

    [Fact]
    public async Task StoppingAPurpose_StopsTheCheck_KeepsItsHistory_AndOfferingItAgainBringsItBack()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var f = await DemoFamilies.AddAsync(app, demo.School, "Zzstopvideo");
        await DemoFamilies.DecideAsync(app, demo.School, f, ConsentPurpose.Video, ConsentDecision.Given);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/policy/consent-purposes/{ConsentPurpose.Video}";
        Assert.Equal(ConsentReason.None, await CheckAsync(demo.School, f, ConsentPurpose.Video));

        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(url, [new("Name", "Video"), new("Offered", "not-asked")])).StatusCode);
        Assert.False((await PolicyAsync(demo.School)).HasPurpose(ConsentPurpose.Video));
        Assert.Equal(ConsentReason.PurposeNotGiven, await CheckAsync(demo.School, f, ConsentPurpose.Video));
        await using (var db = app.Db.System())
            Assert.Equal(1, await db.ConsentRecords.CountAsync(r => r.PupilId == f.PupilId && r.Purpose == ConsentPurpose.Video, Ct));
        var pupil = await head.GetPageAsync($"/o/{demo.School}/pupils/{f.PupilId}");
        Assert.Null(pupil.QuerySelector($"#consent-standing tr[data-purpose={ConsentPurpose.Video}]"));
        Assert.Contains("No longer asked about", pupil.QuerySelector("#consent-history")!.TextContent);
        Assert.Contains("Not asked", (await head.GetPageAsync($"/o/{demo.School}/policy/consent-purposes")).QuerySelector($"#purposes tr[data-purpose={ConsentPurpose.Video}]")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(url, [new("Name", "Video"), new("Offered", "asked")])).StatusCode);
        Assert.Equal(ConsentReason.None, await CheckAsync(demo.School, f, ConsentPurpose.Video));
    }

    [Fact]
    public async Task RenamingAPurpose_ChangesItsNameEverywhere_ButNotItsKey()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var f = await DemoFamilies.AddAsync(app, demo.School, "Zzrename");
        await DemoFamilies.DecideAsync(app, demo.School, f, ConsentPurpose.PressAndLocalMedia, ConsentDecision.Given);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);

        var response = await head.PostFormAsync($"/o/{demo.School}/policy/consent-purposes/{ConsentPurpose.PressAndLocalMedia}",
            [new("Name", "Local newspapers and radio"), new("Offered", "asked")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Local newspapers and radio", (await PolicyAsync(demo.School)).Purpose(ConsentPurpose.PressAndLocalMedia)?.Name);
        var pupil = await head.GetPageAsync($"/o/{demo.School}/pupils/{f.PupilId}");
        Assert.Contains("Local newspapers and radio", pupil.QuerySelector($"#consent-standing tr[data-purpose={ConsentPurpose.PressAndLocalMedia}]")!.TextContent);
        Assert.Equal(ConsentReason.None, await CheckAsync(demo.School, f, ConsentPurpose.PressAndLocalMedia));

        var settings = await head.GetPageAsync($"/o/{demo.School}/policy/settings");
        Assert.Contains("Local newspapers and radio", settings.QuerySelector("#consent-purposes + p + ul")!.TextContent);
        Assert.NotNull(settings.QuerySelector("#change-consent-purposes"));
    }

    [Fact]
    public async Task TheTrustsChoice_ReachesItsSchools_AndOnlyPolicyManagersMayChangeIt()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var leader = await app.SignedInAsync(DemoTrust.TrustLeader);
        var response = await leader.PostFormAsync($"/o/{demo.Trust}/policy/consent-purposes/{ConsentPurpose.DisplaysInSchool}",
            [new("Name", "Displays inside school"), new("Offered", "not-asked")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await PolicyAsync(demo.OtherSchool)).HasPurpose(ConsentPurpose.DisplaysInSchool));
        var school = await (await app.SignedInAsync(DemoTrust.OtherHeadteacher)).GetPageAsync($"/o/{demo.OtherSchool}/policy/consent-purposes");
        Assert.Contains("Trust default", school.QuerySelector($"#purposes tr[data-purpose={ConsentPurpose.DisplaysInSchool}]")!.TextContent);

        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.Equal(HttpStatusCode.Forbidden, await PupilPageTests.FinalStatusAsync(teacher, $"/o/{demo.School}/policy/consent-purposes"));
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/o/{demo.Trust}/policy/consent-purposes/no-such-purpose")).StatusCode);
    }
}
