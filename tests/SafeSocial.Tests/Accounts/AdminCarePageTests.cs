using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Accounts;

/// <summary>The demo's reminders on the dashboard and account pages; the training, email domain, status and removal pages.</summary>
public class AdminCarePageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(DemoTrust Demo, OfficialAccount Sport, OfficialAccount Instagram)> DemoAsync()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        return (demo, await db.OfficialAccounts.SingleAsync(a => a.Handle == "@alpha.sport", Ct), await db.OfficialAccounts.SingleAsync(a => a.Handle == "@alpha.primary", Ct));
    }

    [Fact]
    public async Task TheDashboard_ShowsEveryKindOfAccountReminder_ToThoseWhoManageAccounts()
    {
        var (demo, _, _) = await DemoAsync();
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var text = (await head.GetPageAsync($"/o/{demo.School}")).Body!.TextContent;
        Assert.Contains("@alpha.sport: change the password, because an admin's access ended", text);
        Assert.Contains("@alpha.sport: no admin has current official account training", text);
        Assert.Contains("@alpha.sport: the password was last changed on", text);
        Assert.Contains("@alpha.sport: the risk assessment review was due on", text);
        Assert.Contains("@alpha.music: no password stored in the vault", text);
        Assert.Contains("official account training expires on", text);

        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.DoesNotContain("@alpha.sport", (await teacher.GetPageAsync($"/o/{demo.School}")).Body!.TextContent);
    }

    [Fact]
    public async Task TheAccountPageAndList_PromptThePasswordChange()
    {
        var (demo, sport, _) = await DemoAsync();
        // @alpha.primary may be flagged by another test of this class; nothing flags @alpha.music.
        Guid music;
        await using (var db = app.Db.System()) music = await db.OfficialAccounts.Where(a => a.Handle == "@alpha.music").Select(a => a.Id).SingleAsync(Ct);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var page = await head.GetPageAsync($"/o/{demo.School}/accounts/{sport.Id}");
        var banner = page.QuerySelector("#password-change")!;
        Assert.Contains("The password must be changed", banner.TextContent);
        Assert.Equal($"/o/{demo.School}/accounts/{sport.Id}/password", banner.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null((await head.GetPageAsync($"/o/{demo.School}/accounts/{music}")).QuerySelector("#password-change"));

        var list = await head.GetPageAsync($"/o/{demo.School}/accounts");
        var flagged = list.QuerySelectorAll("#accounts tr").Where(r => r.TextContent.Contains("Password change needed")).ToList();
        Assert.Contains(flagged, r => r.TextContent.Contains("@alpha.sport"));
        Assert.DoesNotContain(flagged, r => r.TextContent.Contains("@alpha.music"));
    }

    [Fact]
    public async Task RemovingAnAdminOnThePage_NeedsAReason_ThenFlagsTheAccount()
    {
        var (demo, _, instagram) = await DemoAsync();
        var teacher = await DemoTrust.StaffAsync(app, DemoTrust.Teacher);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/accounts/{instagram.Id}/admins/{teacher.Id}/remove";
        Assert.NotNull((await head.GetPageAsync($"/o/{demo.School}/accounts/{instagram.Id}")).QuerySelector($"a[href='{url}']"));

        var refused = await head.PostFormAsync(url, [new("Reason", "")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter why", (await TestClient.ParseAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent);

        var done = await head.PostFormAsync(url, [new("Reason", "Moved to another year group")]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var page = await head.GetPageAsync($"/o/{demo.School}/accounts/{instagram.Id}");
        Assert.Contains("Moved to another year group", page.QuerySelector("#password-change")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task SuspendingOnThePage_NeedsAReason()
    {
        var (demo, sport, _) = await DemoAsync();
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/accounts/{sport.Id}/status/suspended";
        var refused = await head.PostFormAsync(url, [new("Reason", " ")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter why the account is being suspended", (await TestClient.ParseAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/o/{demo.OtherSchool}/accounts/{sport.Id}/status/suspended")).StatusCode);
    }

    [Fact]
    public async Task TheTrainingPage_SaysWhatToFix_KeepsWhatWasTyped_ThenRecords()
    {
        var (demo, _, _) = await DemoAsync();
        var support = await DemoTrust.StaffAsync(app, "support-staff@demo.safesocial.test");
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/staff/{support.Id}/training";
        await using (var db = app.Db.System())
            Assert.Equal(0, await db.TrainingRecords.CountAsync(t => t.StaffMemberId == support.Id, Ct));
        var today = Core.UkTime.Today(app.Db.Clock);
        var future = today.AddDays(3);

        var response = await head.PostFormAsync(url, [new("Kind", "official"),
            new("CompletedOn.Day", $"{future.Day}"), new("CompletedOn.Month", $"{future.Month}"), new("CompletedOn.Year", $"{future.Year}"),
            new("ExpiresOn.Day", "31"), new("ExpiresOn.Month", "2"), new("ExpiresOn.Year", "2030")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var summary = page.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("must be today or in the past", summary);
        Assert.Contains("The expiry date must be a real date", summary);
        Assert.Equal($"{future.Day}", page.QuerySelector("#CompletedOn")!.GetAttribute("value"));

        var past = today.AddMonths(-1);
        response = await head.PostFormAsync(url, [new("Kind", "official"),
            new("CompletedOn.Day", $"{past.Day}"), new("CompletedOn.Month", $"{past.Month}"), new("CompletedOn.Year", $"{past.Year}"),
            new("ExpiresOn.Day", $"{past.Day}"), new("ExpiresOn.Month", $"{past.Month}"), new("ExpiresOn.Year", $"{past.Year - 1}")]);
        Assert.Contains("The expiry date must be after", (await TestClient.ParseAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);

        response = await head.PostFormAsync(url, [new("Kind", "official"),
            new("CompletedOn.Day", $"{past.Day}"), new("CompletedOn.Month", $"{past.Month}"), new("CompletedOn.Year", $"{past.Year}"),
            new("ExpiresOn.Day", $"{past.Day}"), new("ExpiresOn.Month", $"{past.Month}"), new("ExpiresOn.Year", $"{past.Year + 1}")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(TrainingRecord.OfficialAccountTraining, (await head.GetPageAsync(url)).QuerySelector("#training")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/o/{demo.OtherSchool}/staff/{support.Id}/training")).StatusCode);
    }

    [Fact]
    public async Task TheEmailDomainsPage_NamesABadDomain_ShowsWhatIsInherited_AndSaves()
    {
        var (demo, _, _) = await DemoAsync();
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/policy/settings/email-domains";
        var page = await head.GetPageAsync(url);
        Assert.Equal("@demo.safesocial.test", page.QuerySelector("#inherited-domains")!.TextContent);

        var response = await head.PostFormAsync(url, [new("Choice", "own"), new("Domains", "alpha.sch.uk\nnot a domain!")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        page = await TestClient.ParseAsync(response);
        Assert.Contains("\"not\" is not an email domain", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Contains("alpha.sch.uk", page.QuerySelector("#Domains")!.TextContent);

        response = await head.PostFormAsync(url, [new("Choice", "own"), new("Domains", "Alpha.sch.uk, @office.alpha.sch.uk")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var settings = await head.GetPageAsync($"/o/{demo.School}/policy/settings");
        Assert.Equal("@alpha.sch.uk, @office.alpha.sch.uk", settings.QuerySelector("#effective-domains")!.TextContent);
        Assert.Contains("the trust lists @demo.safesocial.test", settings.QuerySelector("#email-domains + p")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(url, [new("Choice", "inherit"), new("Domains", "")])).StatusCode);
        Assert.Equal("@demo.safesocial.test", (await head.GetPageAsync($"/o/{demo.School}/policy/settings")).QuerySelector("#effective-domains")!.TextContent);
    }
}
