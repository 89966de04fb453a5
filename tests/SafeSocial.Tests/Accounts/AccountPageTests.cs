using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Accounts;

/// <summary>The official account pages on the demo trust: request, the register, approval by role, and other schools' accounts.</summary>
public class AccountPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string HeadOfComms = "head-of-communications@demo.safesocial.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo trust's policy lists its domain and names both approvers, as the trust policies do.</summary>
    private async Task<DemoTrust> TrustPolicyAsync()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var settings = await db.PolicySettings.SingleOrDefaultAsync(s => s.OrganisationId == demo.Trust, Ct);
        if (settings is null) db.PolicySettings.Add(settings = new PolicySettings { Id = Guid.NewGuid(), OrganisationId = demo.Trust });
        settings.AccountEmailDomains = "demo.safesocial.test";
        settings.AccountApprovals = AccountApprovalRoute.HeadteacherThenHeadOfCommunications;
        await db.SaveChangesAsync(Ct);
        return demo;
    }

    private static Dictionary<string, string> Form(string handle, string email) => new()
    {
        ["Input.Platform"] = "Instagram", ["Input.Handle"] = handle, ["Input.Purpose"] = "Celebrate pupils' work",
        ["Input.IntendedOutcomes"] = "Families see learning", ["Input.Audience"] = "Parents", ["Input.StaffMayContribute"] = "true",
        ["Input.ExpectedEngagement"] = "Weekly", ["Input.StaffTime"] = "An hour a week", ["Input.Evaluation"] = "Termly review",
        ["Input.Hazards"] = "Identifiable pupils", ["Input.Controls"] = "Consent check", ["Input.AssessedBy"] = "The headteacher",
        ["AssessedOn.Day"] = "1", ["AssessedOn.Month"] = "9", ["AssessedOn.Year"] = "2025",
        ["NextReviewOn.Day"] = "1", ["NextReviewOn.Month"] = "9", ["NextReviewOn.Year"] = "2030", ["Input.OfficialEmail"] = email,
    };

    [Fact]
    public async Task ARequestWithErrors_SaysWhatToFix_AndKeepsWhatWasTyped()
    {
        var demo = await TrustPolicyAsync();
        var client = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/accounts/request";
        var form = Form("KeptHandle", "someone@gmail.com");
        form.Remove("Input.Purpose");
        form["NextReviewOn.Day"] = "31"; form["NextReviewOn.Month"] = "2";
        var response = await client.PostFormAsync(url, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var summary = page.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("Enter the purpose and objectives", summary);
        Assert.Contains("@demo.safesocial.test", summary);
        Assert.Contains("must be a real date", summary);
        Assert.Equal("KeptHandle", page.QuerySelector("#Input_Handle")!.GetAttribute("value"));
        Assert.Equal("someone@gmail.com", page.QuerySelector("#Input_OfficialEmail")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#Input_Platform_Instagram[checked]"));
        // The other platform's name sits under "Other", the choice it belongs to.
        var otherName = page.QuerySelector(".govuk-radios__conditional #Input_OtherPlatformName")!.Closest(".govuk-radios__conditional")!;
        Assert.NotNull(otherName.PreviousElementSibling!.QuerySelector("#Input_Platform_Other"));
        Assert.NotNull(page.QuerySelector("#Input_StaffMayContribute[checked]"));
        Assert.Equal("Termly review", page.QuerySelector("#Input_Evaluation")!.TextContent.Trim());
        await using var db = app.Db.System();
        Assert.False(await db.OfficialAccounts.AnyAsync(a => a.Handle == "KeptHandle", Ct));
    }

    [Fact]
    public async Task ARequest_IsApprovedByTheHeadteacher_ThenTheHeadOfCommunications_AndListedInTheRegister()
    {
        var demo = await TrustPolicyAsync();
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var response = await head.PostFormAsync($"/o/{demo.School}/accounts/request", Form("JourneyHandle", "office@demo.safesocial.test"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.ToString();

        // The head of communications' step comes second: no decision form for them yet.
        var comms = await app.SignedInAsync(HeadOfComms);
        Assert.Null((await comms.GetPageAsync(url)).QuerySelector("button[formaction*=Approve]"));
        Assert.NotNull((await head.GetPageAsync(url)).QuerySelector("button[formaction*=Approve]"));

        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(url, [new("Reason", "")], url + "?handler=Approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostFormAsync(url, [new("Reason", "Fits the plan")], url + "?handler=Approve")).StatusCode);

        var list = await head.GetPageAsync($"/o/{demo.School}/accounts");
        var row = list.QuerySelectorAll("#accounts tbody tr").Single(r => r.TextContent.Contains("JourneyHandle"));
        Assert.Contains("Approved", row.TextContent);
        var details = await head.GetPageAsync(url);
        Assert.Contains("Fits the plan", details.QuerySelector("#approvals")!.TextContent);
    }

    [Fact]
    public async Task ARefusalWithoutAReason_IsRefusedWithAMessage()
    {
        var demo = await TrustPolicyAsync();
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = (await head.PostFormAsync($"/o/{demo.School}/accounts/request", Form("RefusedHandle", "office@demo.safesocial.test"))).Headers.Location!.ToString();
        var response = await head.PostFormAsync(url, [new("Reason", "")], url + "?handler=Refuse");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter why the request is refused", (await TestClient.ParseAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    /// <summary>A trust's register lists each school's accounts under the school's name; a school's lists its own alone.</summary>
    [Fact]
    public async Task TheTrustsRegister_ListsEverySchoolsAccounts_UnderTheSchoolsName()
    {
        var demo = await TrustPolicyAsync();
        await using var db = app.Db.System();
        var primary = await db.OfficialAccounts.SingleAsync(a => a.OrganisationId == demo.School && a.Handle == "@alpha.primary", Ct);
        var schoolName = await db.Organisations.Where(o => o.Id == demo.School).Select(o => o.Name).SingleAsync(Ct);

        var trust = await (await app.SignedInAsync(DemoTrust.TrustLeader)).GetPageAsync($"/o/{demo.Trust}/accounts");
        Assert.Equal(schoolName, trust.QuerySelector($"#section-{demo.School}")!.TextContent);
        var link = trust.QuerySelector($"#accounts-{demo.School} a[href='/o/{demo.School}/accounts/{primary.Id}']");
        Assert.Equal("@alpha.primary", link!.TextContent);

        var school = await (await app.SignedInAsync(DemoTrust.Headteacher)).GetPageAsync($"/o/{demo.School}/accounts");
        Assert.Null(school.QuerySelector("h2[id^=section-]"));
        Assert.NotNull(school.QuerySelector($"#accounts a[href='/o/{demo.School}/accounts/{primary.Id}']"));
        // The school's own link works for the trust's leader too.
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(DemoTrust.TrustLeader)).GetAsync($"/o/{demo.School}/accounts/{primary.Id}")).StatusCode);
    }

    [Fact]
    public async Task AnotherSchoolsAccount_IsNotFound()
    {
        var demo = await TrustPolicyAsync();
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = (await head.PostFormAsync($"/o/{demo.School}/accounts/request", Form("OtherSchoolHandle", "office@demo.safesocial.test"))).Headers.Location!.ToString();
        var accountId = url.Split('/').Last();
        var other = await app.SignedInAsync(DemoTrust.OtherHeadteacher);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/o/{demo.OtherSchool}/accounts/{accountId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
    }
}
