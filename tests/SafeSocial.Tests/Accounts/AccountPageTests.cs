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
    /// <summary>Asks for accounts: the headteacher who approves must be someone else.</summary>
    private const string ESafety = "e-safety-coordinator@demo.safesocial.test";
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
    public async Task ARequest_IsApprovedByTheHeadteacher_ThenTheHeadOfCommunications_EachToldInTurn_AndListedInTheRegister()
    {
        var demo = await TrustPolicyAsync();
        var asker = await app.SignedInAsync(ESafety);
        var response = await asker.PostFormAsync($"/o/{demo.School}/accounts/request", Form("JourneyHandle", "office@demo.safesocial.test"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.ToString();
        Assert.Contains("The headteacher is now asked", (await asker.GetPageAsync(url)).QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Contains(await Custody.MailAsync(app), m => m.To == DemoTrust.Headteacher && m.Subject == "Your approval is needed: JourneyHandle (Instagram)" && m.Body.Contains(url, StringComparison.Ordinal));

        // The head of communications' step comes second: no decision form for them yet.
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var comms = await app.SignedInAsync(HeadOfComms);
        Assert.Null((await comms.GetPageAsync(url)).QuerySelector("button[formaction*=Approve]"));
        // The headteacher reads the case and the risk assessment before the buttons.
        var page = await head.GetPageAsync(url);
        var approve = page.QuerySelector("button[formaction*=Approve]")!;
        Assert.True(page.QuerySelector("#case")!.CompareDocumentPosition(approve).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.True(page.QuerySelector("#risk")!.CompareDocumentPosition(approve).HasFlag(AngleSharp.Dom.DocumentPositions.Following));

        var approved = await head.PostFormAsync(url, [new("Reason", "")], url + "?handler=Approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("The head of communications is now asked", (await head.GetPageAsync(url)).QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Contains(await Custody.MailAsync(app), m => m.To == HeadOfComms && m.Subject == "Your approval is needed: JourneyHandle (Instagram)");

        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostFormAsync(url, [new("Reason", "Fits the plan")], url + "?handler=Approve")).StatusCode);
        Assert.Contains("The account is approved; next, add a trained admin", (await comms.GetPageAsync(url)).QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Contains(await Custody.MailAsync(app), m => m.To == ESafety && m.Subject == "Approved: JourneyHandle (Instagram)" && m.Body.Contains("add a trained admin", StringComparison.Ordinal));

        var list = await head.GetPageAsync($"/o/{demo.School}/accounts");
        var row = list.QuerySelectorAll("#accounts tbody tr").Single(r => r.TextContent.Contains("JourneyHandle"));
        Assert.Contains("Approved", row.TextContent);
        var details = await head.GetPageAsync(url);
        Assert.Contains("Fits the plan", details.QuerySelector("#approvals")!.TextContent);
    }

    [Fact]
    public async Task TheHeadteacherWhoAsked_IsToldSomeoneElseMustApprove()
    {
        var demo = await TrustPolicyAsync();
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = (await head.PostFormAsync($"/o/{demo.School}/accounts/request", Form("OwnRequestHandle", "office@demo.safesocial.test"))).Headers.Location!.ToString();
        var page = await head.GetPageAsync(url);
        Assert.Null(page.QuerySelector("button[formaction*=Approve]"));
        Assert.Contains("different people", page.QuerySelector("#cannot-decide")!.TextContent);
        var response = await head.PostFormAsync(url, [new("Reason", "")], url + "?handler=Approve");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("different people", (await TestClient.ParseAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task ARefusalWithoutAReason_IsRefusedWithAMessage_ThenTheAskerIsToldTheReason()
    {
        var demo = await TrustPolicyAsync();
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = (await (await app.SignedInAsync(ESafety)).PostFormAsync($"/o/{demo.School}/accounts/request", Form("RefusedHandle", "office@demo.safesocial.test"))).Headers.Location!.ToString();
        var response = await head.PostFormAsync(url, [new("Reason", "")], url + "?handler=Refuse");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter why the request is refused", (await TestClient.ParseAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(url, [new("Reason", "We already have one")], url + "?handler=Refuse")).StatusCode);
        Assert.Contains(await Custody.MailAsync(app), m => m.To == ESafety && m.Subject == "Refused: RefusedHandle (Instagram)" && m.Body.Contains("We already have one", StringComparison.Ordinal));
    }

    /// <summary>Adding an admin goes through the same approvals, and the person becomes an admin only once approved.</summary>
    [Fact]
    public async Task AnAdmin_IsAddedOnlyOnceTheHeadteacherAndTheHeadOfCommunicationsApprove()
    {
        var demo = await TrustPolicyAsync();
        await using var db = app.Db.System();
        // The demo teacher is trained, and not yet an admin of the sports account.
        var account = await db.OfficialAccounts.SingleAsync(a => a.OrganisationId == demo.School && a.Handle == "@alpha.sport", Ct);
        var url = $"/o/{demo.School}/accounts/{account.Id}";
        var teacher = await People.DemoTrust.StaffAsync(app, DemoTrust.Teacher);
        var asker = await app.SignedInAsync(ESafety);
        Assert.Equal(HttpStatusCode.Redirect, (await asker.PostFormAsync(url, [new("StaffMemberId", teacher.Id.ToString())], url + "?handler=Admin")).StatusCode);
        var waiting = await asker.GetPageAsync(url);
        Assert.Contains("the headteacher is now asked", waiting.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(teacher.FullName, waiting.QuerySelector("#admins")?.TextContent ?? "");
        var requestUrl = waiting.QuerySelector("#waiting-admins a")!.GetAttribute("href")!;

        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(requestUrl, [new("Reason", "")], requestUrl + "?handler=Approve")).StatusCode);
        Assert.DoesNotContain(teacher.FullName, (await head.GetPageAsync(url)).QuerySelector("#admins")?.TextContent ?? "");
        Assert.Contains(await Custody.MailAsync(app), m => m.To == HeadOfComms && m.Subject.StartsWith($"Your approval is needed: {teacher.FullName} as an admin", StringComparison.Ordinal));

        var comms = await app.SignedInAsync(HeadOfComms);
        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostFormAsync(requestUrl, [new("Reason", "Trained in September")], requestUrl + "?handler=Approve")).StatusCode);
        Assert.Contains(teacher.FullName, (await comms.GetPageAsync(url)).QuerySelector("#admins")!.TextContent);
        Assert.Contains(await Custody.MailAsync(app), m => m.To == ESafety && m.Subject.StartsWith($"Approved: {teacher.FullName} as an admin", StringComparison.Ordinal));
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
        // Every school is listed, one with no accounts saying so.
        Assert.NotNull(trust.QuerySelector($"#section-{demo.OtherSchool}"));
        Assert.Contains("has no official accounts yet", trust.QuerySelector($"#no-accounts-{demo.OtherSchool}")!.TextContent);
        // Who runs each account, their training, and when its password last changed.
        Assert.Equal(["Account", "Platform", "Official email", "Status", "Admins", "Training", "Password last changed"],
            trust.QuerySelectorAll($"#accounts-{demo.School} thead th").Select(th => th.TextContent.Trim()));
        var row = link.Closest("tr")!;
        var esafety = await DemoTrust.StaffAsync(app, ESafety);
        Assert.Contains(esafety.FullName, row.QuerySelector(".ss-admins")!.TextContent);
        Assert.StartsWith("Current until", row.QuerySelector(".ss-training")!.TextContent.Trim());
        Assert.Matches(@"^\d{1,2} [A-Z][a-z]+ \d{4}$", row.QuerySelector(".ss-password-changed")!.TextContent.Trim());

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
