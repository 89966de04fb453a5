using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

/// <summary>
/// An admin generates a strong password for the demo's Instagram account, saves it, and reveals it again: the password
/// revealed is the one that was shown. The copy button beside it works from the keyboard and says so. axe on each page.
/// </summary>
[Collection(BrowserJourneys.Name)]
public class PasswordJourneyTests(Chromium chromium, BrowserApp app)
{
    private const string Admin = "e-safety-coordinator@demo.safesocial.test";

    [Fact]
    public async Task GenerateThenSave_StoresThePasswordShown_AndRevealShowsItWithACopyButton()
    {
        var accountUrl = await AccountUrlAsync();
        await using var admin = await BrowserSession.OpenAsync(chromium, app);
        var page = admin.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await admin.SignInAsync(Admin);
        await page.GotoAsync(accountUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Change the password" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate a strong password" }).ClickAsync();
        await Expect(page.Locator("#generated")).ToBeVisibleAsync();
        var shown = await page.GetByLabel("New password").InputValueAsync();
        Assert.Equal(24, shown.Length);
        await admin.ExpectAccessibleAsync("the password page with a generated password");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new details" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(accountUrl) + "$"));
        await Expect(page.Locator("#success-message")).ToContainTextAsync("The sign-in details were changed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Reveal the password" }).ClickAsync();
        await page.GetByLabel("Why do you need the password?").FillAsync("Checking the password just generated was saved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal the password" }).ClickAsync();
        await Expect(page.Locator("#secret-password")).ToHaveTextAsync(shown);
        // The recovery codes and the seed wait until asked for.
        await Expect(page.Locator("#secret-recovery")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show the recovery codes" })).ToBeVisibleAsync();
        await admin.ExpectAccessibleAsync("the revealed password");

        var copy = page.GetByRole(AriaRole.Button, new() { Name = "Copy the password" });
        await copy.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The password is copied");
        Assert.Equal(shown, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    private async Task<string> AccountUrlAsync()
    {
        await using var db = app.Db.System();
        var account = await db.OfficialAccounts.SingleAsync(a => a.Handle == "@alpha.primary", TestContext.Current.CancellationToken);
        return $"/o/{account.OrganisationId}/accounts/{account.Id}";
    }
}
