using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Demo;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Accounts;

/// <summary>Emergency access: told to everyone with custody at once, flagged until someone else reviews it and the password is changed.</summary>
public class EmergencyAccessTests(CustodyFixture app) : IClassFixture<CustodyFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmergencyAccess_TellsEveryCustodian_AndIsFlaggedUntilReviewedByAnother_AndThePasswordChanged()
    {
        var (demo, account, url) = await Custody.DemoAccountAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var comms = await app.SignedInAsync(Custody.HeadOfComms);
        const string reason = "A post names a pupil and the admin is on a school trip";

        var noReason = await TestClient.ParseAsync(await head.PostFormAsync(url + "/emergency", [new("Reason", "")]));
        Assert.Contains("Enter the emergency", noReason.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Null(noReason.QuerySelector("#secret"));

        var response = await head.PostFormAsync(url + "/emergency", [new("Reason", reason)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await TestClient.ParseAsync(response)).QuerySelector("#secret-password")!.TextContent);

        // Everyone with custody: the admin, the reveal permission's holder (the head of communications, also the role the
        // policy names, told once), not the headteacher who acted.
        await using (var db = app.Db.System())
        {
            var access = await db.EmergencyAccesses.SingleAsync(e => e.OfficialAccountId == account.Id && e.Reason == reason, Ct);
            Assert.Equal((reason, (DateTimeOffset?)null), (access.Reason, access.ReviewedAt));
            var told = await db.CustodyNotices.Where(n => n.Event == CustodyEvent.EmergencyAccess && n.OfficialAccountId == account.Id && n.Reason == reason)
                .Select(n => n.RecipientEmail).ToListAsync(Ct);
            Assert.Equal([Custody.Admin, Custody.HeadOfComms, DemoTrust.Teacher], told.Order(StringComparer.Ordinal).ToList());
        }
        var mail = (await Custody.MailAsync(app)).Where(m => m.Subject.StartsWith("Emergency access", StringComparison.Ordinal) && m.Body.Contains(reason, StringComparison.Ordinal)).ToList();
        Assert.Equal([Custody.Admin, Custody.HeadOfComms, DemoTrust.Teacher], mail.Select(m => m.To).Order(StringComparer.Ordinal).ToList());
        Assert.All(mail, m => Assert.DoesNotContain(DemoCredentials.Password, m.Body));

        // Flagged on the dashboard, the register and the account, saying both steps are still needed.
        var flag = await FlagAsync(head, $"/o/{demo.School}");
        Assert.Contains("a review by someone other than", flag);
        Assert.Contains("a password change", flag);
        Assert.NotNull((await comms.GetPageAsync($"/o/{demo.School}/accounts")).QuerySelector("#emergency-flags"));
        Assert.NotNull((await comms.GetPageAsync(url)).QuerySelector("#emergency-flags"));
        var trustLeader = await app.SignedInAsync(DemoTrust.TrustLeader); // the trust's register covers its schools
        Assert.NotNull((await trustLeader.GetPageAsync($"/o/{demo.Trust}/accounts")).QuerySelector("#emergency-flags"));
        // Not on the dashboard of someone with nothing to do with accounts.
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.DoesNotContain("emergency", (await teacher.GetPageAsync($"/o/{demo.School}")).QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // The person who used it cannot review it.
        var accessId = await AccessIdAsync(account.Id, reason);
        var own = await TestClient.ParseAsync(await head.PostFormAsync(url + "/emergency", [new("AccessId", accessId.ToString()), new("ReviewNote", "I was right")], url + "/emergency?handler=Review"));
        Assert.Contains("Someone other than the person who used emergency access", own.QuerySelector(".govuk-error-summary")!.TextContent);

        // Someone else needs a note, then reviews: still flagged, now for the password change alone.
        Assert.Contains("for you or someone else to review", (await comms.GetPageAsync(url + "/emergency")).QuerySelector("#who-may")!.TextContent);
        var empty = await TestClient.ParseAsync(await comms.PostFormAsync(url + "/emergency", [new("AccessId", accessId.ToString()), new("ReviewNote", "")], url + "/emergency?handler=Review"));
        Assert.Contains("Enter what the review found", empty.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostFormAsync(url + "/emergency",
            [new("AccessId", accessId.ToString()), new("ReviewNote", "Needed: the post is down. Password to be changed today")], url + "/emergency?handler=Review")).StatusCode);
        flag = await FlagAsync(head, $"/o/{demo.School}");
        Assert.DoesNotContain("a review", flag);
        Assert.Contains("a password change", flag);
        await using (var db = app.Db.System())
            Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(EmergencyAccess) && e.Action == "Modified" && e.Reason!.StartsWith("Needed: the post is down"), Ct));

        // The password changed after the access: the flag clears everywhere.
        app.FakeClock.Advance(TimeSpan.FromSeconds(5));
        var admin = await app.SignedInAsync(Custody.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(url + "/password",
            [new("Username", "alpha-primary"), new("Password", "A-new-password-after-the-emergency")])).StatusCode);
        Assert.Null((await head.GetPageAsync($"/o/{demo.School}")).QuerySelector("#attention a[href$='/emergency']"));
        Assert.Null((await comms.GetPageAsync($"/o/{demo.School}/accounts")).QuerySelector("#emergency-flags"));
        Assert.Null((await comms.GetPageAsync(url)).QuerySelector("#emergency-flags"));
    }

    [Fact]
    public async Task APasswordChange_WithoutAReview_DoesNotClearTheFlag()
    {
        var (demo, account, url) = await Custody.DemoAccountAsync(app);
        var leader = await app.SignedInAsync(DemoTrust.TrustLeader);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostFormAsync(url + "/emergency", [new("Reason", "The admins are all off sick")])).StatusCode);
        app.FakeClock.Advance(TimeSpan.FromSeconds(5));
        var comms = await app.SignedInAsync(Custody.HeadOfComms);
        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostFormAsync(url + "/password",
            [new("Username", "alpha-primary"), new("Password", "Changed-before-any-review")])).StatusCode);

        var flag = await FlagAsync(leader, $"/o/{demo.School}");
        Assert.Contains("a review by someone other than", flag);
        Assert.DoesNotContain("a password change", flag);

        // Reviewed by someone else after the change: closed, so it leaves nothing open for the other tests.
        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostFormAsync(url + "/emergency",
            [new("AccessId", (await AccessIdAsync(account.Id, "The admins are all off sick")).ToString()), new("ReviewNote", "Needed")], url + "/emergency?handler=Review")).StatusCode);
        Assert.Null((await leader.GetPageAsync($"/o/{demo.School}")).QuerySelector("#attention a[href$='/emergency']"));
    }

    private static async Task<string> FlagAsync(TestClient client, string dashboard)
    {
        var page = await client.GetPageAsync(dashboard);
        var flags = page.QuerySelectorAll("#attention a[href$='/emergency']").Select(a => a.TextContent).ToList();
        Assert.NotEmpty(flags);
        return string.Join("\n", flags);
    }

    private async Task<Guid> AccessIdAsync(Guid accountId, string reason)
    {
        await using var db = app.Db.System();
        return await db.EmergencyAccesses.Where(e => e.OfficialAccountId == accountId && e.Reason == reason).Select(e => e.Id).SingleAsync(Ct);
    }
}
