using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>Revealing and changing an official account's password: reason, recent second factor, audit, notices, and no secret in any log.</summary>
public class RevealPageTests(CustodyFixture app) : IClassFixture<CustodyFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReveal_NeedsAReason_AndShowsNothingWithout()
    {
        var (_, _, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        var response = await admin.PostFormAsync(url + "/reveal", [new("Reason", "  ")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Enter why you need the password", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Null(page.QuerySelector("#secret"));
        Assert.DoesNotContain(DemoCredentials.Password, page.Source.Text);
    }

    [Fact]
    public async Task AReveal_IsAuditedWithItsReason_ToldToTheHeadOfCommunications_AndShownOnceWithoutCaching()
    {
        var (demo, account, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        const string reason = "Posting the harvest festival photos";
        var response = await admin.PostFormAsync(url + "/reveal", [new("Reason", reason)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(DemoCredentials.Password, page.QuerySelector("#secret-password")!.TextContent);
        Assert.Contains("shown once", page.QuerySelector(".govuk-warning-text")!.TextContent);
        Assert.NotNull(page.QuerySelector("#secret-hide"));
        Assert.NotNull(page.QuerySelector("script[src*='reveal.js']"));
        // A copy button, made to work by a script file (no inline script), its result announced in a status region.
        Assert.Equal("secret-password", page.QuerySelector("button#copy-password")!.GetAttribute("data-copy"));
        Assert.NotNull(page.QuerySelector("script[src*='copy.js']"));
        Assert.NotNull(page.QuerySelector("#copy-status[role=status]"));
        Assert.Empty(page.QuerySelectorAll("main script:not([src]), main [onclick]"));
        // The recovery codes and the seed are not on the page until asked for.
        Assert.Null(page.QuerySelector("#secret-recovery"));
        Assert.Null(page.QuerySelector("#secret-seed"));
        Assert.DoesNotContain("DEMOSEEDNOTAREALACCOUNT", page.Source.Text);
        Assert.DoesNotContain("DEMO-2222-BBBB", page.Source.Text);
        Assert.NotNull(page.QuerySelector("#reveal-recovery"));

        var codes = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/reveal", [new("Reason", reason), new("Part", "RecoveryCodes")]));
        Assert.Contains("DEMO-2222-BBBB", codes.QuerySelector("#secret-recovery")!.TextContent);
        Assert.Null(codes.QuerySelector("#secret-password"));
        Assert.DoesNotContain("DEMOSEEDNOTAREALACCOUNT", codes.Source.Text);
        var seed = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/reveal", [new("Reason", reason), new("Part", "TwoFactorSeed")]));
        Assert.Equal("DEMOSEEDNOTAREALACCOUNT", seed.QuerySelector("#secret-seed")!.TextContent);
        Assert.DoesNotContain(DemoCredentials.Password, seed.Source.Text);

        // Three reveals: each audited and told on its own.
        await using var db = app.Db.System();
        var credential = await db.AccountCredentials.SingleAsync(c => c.OfficialAccountId == account.Id, Ct);
        var reads = await db.AuditEntries.Where(e => e.Action == "Decrypted" && e.EntityId == credential.Id.ToString()).Select(e => e.Reason).ToListAsync(Ct);
        Assert.Contains(reason, reads);
        Assert.Contains("Recovery codes revealed: " + reason, reads);
        Assert.Contains("Two-factor seed revealed: " + reason, reads);
        var notices = await db.CustodyNotices.Where(n => n.OfficialAccountId == account.Id && n.Reason == reason).ToListAsync(Ct);
        var comms = await People.DemoTrust.StaffAsync(app, Custody.HeadOfComms);
        Assert.All(notices, n => Assert.Equal(comms.Id, n.RecipientStaffMemberId));
        Assert.Equal([CustodyEvent.Revealed, CustodyEvent.RecoveryCodesRevealed, CustodyEvent.TwoFactorSeedRevealed], notices.Select(n => n.Event).Order());
        var mail = (await Custody.MailAsync(app)).Where(m => m.To == Custody.HeadOfComms && m.Body.Contains(reason, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, mail.Count);
        Assert.Contains(mail, m => m.Subject.Contains("password", StringComparison.Ordinal) && m.Subject.Contains("revealed", StringComparison.Ordinal));
        Assert.Contains(mail, m => m.Subject.Contains("recovery codes", StringComparison.Ordinal));
        Assert.Contains(mail, m => m.Subject.Contains("two-factor seed", StringComparison.Ordinal));
        Assert.All(mail, m => Assert.DoesNotContain(DemoCredentials.Password, m.Body));
        Assert.Contains($"/o/{demo.School}/accounts/{account.Id}", mail[0].Body);
    }

    [Fact]
    public async Task WhenThePolicyNamesBoth_TheHeadteacherIsToldToo()
    {
        var (demo, account, url) = await Custody.DemoAccountAsync(app);
        await using (var db = app.Db.System())
        {
            db.PolicySettings.Add(new PolicySettings { Id = Guid.NewGuid(), OrganisationId = demo.School, CustodyNotices = CustodyNoticeRecipients.Both });
            await db.SaveChangesAsync(Ct);
        }
        try
        {
            var admin = await app.SignedInAsync(Custody.Admin);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync(url + "/reveal", [new("Reason", "Both are told")])).StatusCode);
            await using var db = app.Db.System();
            var told = await db.CustodyNotices.Where(n => n.Reason == "Both are told").Select(n => n.RecipientEmail).ToListAsync(Ct);
            Assert.Equal([Custody.HeadOfComms, People.DemoTrust.Headteacher], told.Order(StringComparer.Ordinal).ToList());
        }
        finally
        {
            await using var db = app.Db.System();
            await db.PolicySettings.Where(s => s.OrganisationId == demo.School).ExecuteDeleteAsync(Ct);
        }
    }

    [Fact]
    public async Task ARevealAfterFifteenMinutes_AsksForAFreshCode_RefusesAWrongOne_AndAcceptsTheRightOne()
    {
        var (_, _, url) = await Custody.DemoAccountAsync(app);
        var comms = await app.SignedInAsync(Custody.HeadOfComms);
        Assert.Null((await comms.GetPageAsync(url + "/reveal")).QuerySelector("#Code"));

        app.FakeClock.Advance(TimeSpan.FromMinutes(16));
        // Still signed in with two factors (the principal is rebuilt on every request here), but not recently.
        Assert.NotNull((await comms.GetPageAsync(url + "/reveal")).QuerySelector("#Code"));
        var missing = await TestClient.ParseAsync(await comms.PostFormAsync(url + "/reveal", [new("Reason", "A code is needed")]));
        Assert.Contains("Enter the 6-digit code", missing.QuerySelector("#Code-error")!.TextContent);
        Assert.Equal("A code is needed", missing.QuerySelector("#Reason")!.TextContent.Trim());
        Assert.Null(missing.QuerySelector("#secret"));

        var right = Totp.Code(DemoSeeder.AuthenticatorKey, TimeProvider.System.GetUtcNow());
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await TestClient.ParseAsync(await comms.PostFormAsync(url + "/reveal", [new("Reason", "A code is needed"), new("Code", wrong)]));
        Assert.Contains("That code is not right", refused.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Null(refused.QuerySelector("#secret"));

        var shown = await TestClient.ParseAsync(await comms.PostFormAsync(url + "/reveal", [new("Reason", "A code is needed"), new("Code", right)]));
        Assert.Equal(DemoCredentials.Password, shown.QuerySelector("#secret-password")!.TextContent);
        // The fresh code counts as a recent second factor for the next quarter of an hour.
        Assert.Null((await comms.GetPageAsync(url + "/reveal")).QuerySelector("#Code"));
    }
}
