using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>Changing an official account's password: who and when, what is kept, who is told, the generator, and no secret in any log.</summary>
public class PasswordChangeTests(CustodyFixture app) : IClassFixture<CustodyFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APasswordChange_RecordsWhoAndWhen_KeepsWhatWasLeftBlank_TellsTheHeadOfCommunications_AndShowsOnTheAccount()
    {
        var (_, account, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        // Known recovery codes first, so that leaving them blank below must keep these.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(url + "/password",
            [new("Username", "first"), new("Password", "First-password-1234"), new("RecoveryCodes", "KEEP-ME-1\nKEEP-ME-2")])).StatusCode);
        var generated = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/password",
            [new("Username", "kept-username"), new("Notes", "")], url + "/password?handler=Generate"));
        var password = generated.QuerySelector("#Password")!.GetAttribute("value")!;
        Assert.Equal(24, password.Length);
        Assert.True(password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit) && password.Any(c => PasswordGenerator.Symbols.Contains(c)));
        Assert.Equal("kept-username", generated.QuerySelector("#Username")!.GetAttribute("value"));
        Assert.NotNull(generated.QuerySelector("#generated"));

        var response = await admin.PostFormAsync(url + "/password",
            [new("Username", ""), new("Password", password), new("RecoveryCodes", ""), new("TwoFactorSeed", ""), new("Notes", ""), new("Reason", "The old admin left")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var db = app.Db.System();
        var credential = await db.AccountCredentials.SingleAsync(c => c.OfficialAccountId == account.Id, Ct);
        var esafety = await People.DemoTrust.StaffAsync(app, Custody.Admin);
        Assert.Equal(esafety.FullName, credential.ChangedBy);
        Assert.Equal(app.FakeClock.GetUtcNow(), credential.ChangedAt, TimeSpan.FromSeconds(1));
        Assert.True(await db.CustodyNotices.AnyAsync(n => n.OfficialAccountId == account.Id && n.Event == CustodyEvent.PasswordChanged
            && n.RecipientEmail == Custody.HeadOfComms && n.Reason == "The old admin left", Ct));
        Assert.Contains(await Custody.MailAsync(app), m => m.To == Custody.HeadOfComms && m.Subject.Contains("changed", StringComparison.Ordinal) && !m.Body.Contains(password, StringComparison.Ordinal));

        var details = await admin.GetPageAsync(url);
        Assert.Contains("Password last changed on", details.QuerySelector("#password-changed")!.TextContent);
        Assert.Contains(esafety.FullName, details.QuerySelector("#password-changed")!.TextContent);

        var shown = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/reveal", [new("Reason", "Check the change")]));
        Assert.Equal(password, shown.QuerySelector("#secret-password")!.TextContent);
        Assert.Equal("first", shown.QuerySelector("#secret-username")!.TextContent); // left blank: kept
        var codes = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/reveal", [new("Reason", "Check the change"), new("Part", "RecoveryCodes")]));
        Assert.Contains("KEEP-ME-2", codes.QuerySelector("#secret-recovery")!.TextContent); // left blank: kept
    }

    /// <summary>After "Generate", the page's address ends in ?handler=Generate: the save must still post to the save, and store what was shown.</summary>
    [Fact]
    public async Task GenerateThenSave_StoresThePasswordShown()
    {
        var (_, _, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        var generated = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/password", [new("Username", "alpha-primary")], url + "/password?handler=Generate"));
        var password = generated.QuerySelector("#Password")!.GetAttribute("value")!;
        var form = generated.QuerySelector("#Password")!.Closest("form")!;
        // Where a browser sends "Save the new details": the form's own action (or, without one, the address it came from).
        var action = form.GetAttribute("action") ?? url + "/password?handler=Generate";
        Assert.Equal(url + "/password", action);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(url + "/password",
            [new("Username", "alpha-primary"), new("Password", password), new("Reason", "Generated")], action)).StatusCode);

        var shown = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/reveal", [new("Reason", "Check the generated one")]));
        Assert.Equal(password, shown.QuerySelector("#secret-password")!.TextContent);
    }

    [Fact]
    public async Task AShortPassword_IsRefusedWithWhatToFix_AndNothingElseTypedIsLost()
    {
        var (_, account, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        await using var db = app.Db.System();
        var before = await db.AccountCredentials.AsNoTracking().SingleAsync(c => c.OfficialAccountId == account.Id, Ct);
        Assert.Contains("At least 12 characters", (await admin.GetPageAsync(url + "/password")).QuerySelector("#Password-hint")!.TextContent);

        var response = await admin.PostFormAsync(url + "/password",
            [new("Username", "typed-user"), new("Password", "short"), new("RecoveryCodes", "CODE-1\nCODE-2"), new("TwoFactorSeed", "SEEDTYPED"), new("Notes", "Typed note"), new("Reason", "Typed reason")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("The password must be at least 12 characters", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.NotNull(page.QuerySelector("#Password-error"));
        Assert.Equal("typed-user", page.QuerySelector("#Username")!.GetAttribute("value"));
        Assert.Equal("short", page.QuerySelector("#Password")!.GetAttribute("value"));
        Assert.Equal("SEEDTYPED", page.QuerySelector("#TwoFactorSeed")!.GetAttribute("value"));
        Assert.Contains("CODE-2", page.QuerySelector("#RecoveryCodes")!.TextContent);
        Assert.Equal("Typed note", page.QuerySelector("#Notes")!.TextContent.Trim());
        Assert.Equal("Typed reason", page.QuerySelector("#Reason")!.TextContent.Trim());
        var after = await db.AccountCredentials.AsNoTracking().SingleAsync(c => c.OfficialAccountId == account.Id, Ct);
        Assert.Equal(before.ChangedAt, after.ChangedAt);
    }

    [Fact]
    public async Task PressingEnterInAField_Saves_RatherThanGeneratingOverWhatWasTyped()
    {
        var (_, _, url) = await Custody.DemoAccountAsync(app);
        var page = await (await app.SignedInAsync(Custody.Admin)).GetPageAsync(url + "/password");

        // A browser's implicit submission presses the form's first submit button.
        var first = page.QuerySelector("form[action$='/password'] button[type=submit]")!;
        Assert.Contains("Save the new details", first.TextContent);
        Assert.Null(first.GetAttribute("formaction"));
    }

    [Fact]
    public async Task APasswordChange_WithoutAPassword_SaysWhatToFix_AndKeepsTheRest()
    {
        var (_, account, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        await using var db = app.Db.System();
        var before = await db.AccountCredentials.AsNoTracking().SingleAsync(c => c.OfficialAccountId == account.Id, Ct);
        Assert.Contains("Leave blank to keep", (await admin.GetPageAsync(url + "/password")).QuerySelector("#Username-hint")!.TextContent);
        var page = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/password", [new("Username", ""), new("Password", ""), new("Notes", "Kept note")]));
        var summary = page.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("Enter the new password", summary);
        Assert.DoesNotContain("Enter the username", summary); // the stored one is kept
        Assert.Equal("Kept note", page.QuerySelector("#Notes")!.TextContent.Trim());
        var after = await db.AccountCredentials.AsNoTracking().SingleAsync(c => c.OfficialAccountId == account.Id, Ct);
        Assert.Equal(before.Ciphertext, after.Ciphertext);
        Assert.False(await db.CustodyNotices.AnyAsync(n => n.OfficialAccountId == account.Id && n.Event == CustodyEvent.PasswordChanged && n.OccurredAt > before.ChangedAt, Ct));
    }

    [Fact]
    public async Task TheFirstDetailsStored_NeedAUsername()
    {
        var demo = await People.DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var account = await db.OfficialAccounts.SingleAsync(a => a.OrganisationId == demo.School && a.Handle == "@alpha.music", Ct);
        Assert.False(await db.AccountCredentials.AnyAsync(c => c.OfficialAccountId == account.Id, Ct));
        var url = $"/o/{demo.School}/accounts/{account.Id}/password";
        var headOfComms = await app.SignedInAsync(Custody.HeadOfComms);
        Assert.DoesNotContain("Leave blank", (await headOfComms.GetPageAsync(url)).QuerySelector("#Username-hint")!.TextContent);
        var page = await TestClient.ParseAsync(await headOfComms.PostFormAsync(url, [new("Username", ""), new("Password", "A-long-enough-password-1")]));
        Assert.Contains("Enter the username", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.False(await db.AccountCredentials.AnyAsync(c => c.OfficialAccountId == account.Id, Ct));
    }

    [Fact]
    public async Task NoSecret_ReachesTheLogs_TheAuditTrail_OrTheNotices()
    {
        var (_, account, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        const string password = "Logged-nowhere-Zq84!pass";
        const string seed = "SEEDNEVERLOGGED234";
        const string code = "RECOVERY-NEVER-LOGGED";
        app.Logs.Lines.Clear();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(url + "/password",
            [new("Username", "user-never-logged"), new("Password", password), new("RecoveryCodes", code), new("TwoFactorSeed", seed), new("Notes", "Note never logged")])).StatusCode);
        var shown = await TestClient.ParseAsync(await admin.PostFormAsync(url + "/reveal", [new("Reason", "Log check")]));
        Assert.Equal(password, shown.QuerySelector("#secret-password")!.TextContent); // the secret really went through the app
        await Custody.MailAsync(app);

        var logs = app.Logs.Lines.ToList();
        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Contains("/reveal", StringComparison.Ordinal)); // the capture sees these requests
        await using var db = app.Db.System();
        var audit = await db.AuditEntries.Select(e => (e.Changes ?? "") + " " + (e.Reason ?? "") + " " + e.EntityId).ToListAsync(Ct);
        var notices = await db.CustodyNotices.Select(n => n.Reason + " " + n.RecipientCapacity).ToListAsync(Ct);
        foreach (var secret in new[] { password, seed, code, "user-never-logged", "Note never logged" })
        {
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(audit, a => a.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(notices, n => n.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(await Custody.MailAsync(app), m => m.Body.Contains(secret, StringComparison.Ordinal));
        }
    }
}
