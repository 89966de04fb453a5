using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using SafeSocial.Core.Demo;
using SafeSocial.Web.Mail;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

/// <summary>
/// The demo parent asks for a link, reads it in the mail, signs in, answers for a child, withdraws one purpose,
/// and sees it confirmed; axe scans every portal page on the way, the error and refusal states included.
/// </summary>
[Collection(BrowserJourneys.Name)]
public partial class ParentPortalJourneyTests(Chromium chromium, BrowserApp app)
{
    [Fact]
    public async Task Parent_SignsInByEmailLink_WithdrawsAPurpose_AndSeesItConfirmed()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        var page = session.Page;

        await page.GotoAsync("/parents");
        await Expect(page).ToHaveURLAsync(new Regex("/parents/sign-in"));
        await session.ExpectAccessibleAsync("the parent sign-in page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter your email address");
        await session.ExpectAccessibleAsync("the parent sign-in page with an error");

        await page.GetByLabel("Email address").FillAsync(DemoParents.Parent);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await session.ExpectAccessibleAsync("the check-your-email page");

        var link = await LinkFromMailAsync();
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in to the parent portal");
        await session.ExpectAccessibleAsync("the sign-in link page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the parent portal" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/parents$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Photo and video consent");
        await session.ExpectAccessibleAsync("the portal home");

        // First answers: yes to everything.
        var change = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Change your answers for ") }).First;
        var childName = (await change.TextContentAsync())!.Replace("Change your answers for ", "", StringComparison.Ordinal).Trim();
        await change.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Photo and video consent for {childName}");
        await session.ExpectAccessibleAsync("a child's answers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select yes or no for School website");
        await session.ExpectAccessibleAsync("a child's answers with errors");
        foreach (var group in await page.Locator("main fieldset").AllAsync())
            await group.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save these answers" }).ClickAsync();
        await Expect(page.Locator("#saved")).ToContainTextAsync($"Your answers for {childName} are saved");

        // Then a withdrawal: checked, warned about, saved, confirmed.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Change your answers for {childName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "School website" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Check your changes for {childName}");
        await Expect(page.Locator("#changes")).ToContainTextAsync("changed from Yes to No (consent withdrawn)");
        await Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("takes effect straight away");
        await session.ExpectAccessibleAsync("checking a withdrawal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save these answers" }).ClickAsync();
        await Expect(page.Locator("#saved-changes")).ToHaveTextAsync(new Regex(@"^\s*School website: changed from Yes to No \(consent withdrawn\)\s*$"));
        var row = page.Locator($"section:has(h2:has-text(\"{childName}\")) .govuk-summary-list__row", new() { HasText = "School website" });
        await Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("No");
        await session.ExpectAccessibleAsync("the portal home after a withdrawal");
        var confirmation = (await MailsAsync()).First(m => m.Subject == $"You changed photo consent for {childName}" && m.Body.Contains("consent withdrawn", StringComparison.Ordinal));
        Assert.Contains("- School website: changed from Yes to No (consent withdrawn)", confirmation.Body);

        // The link, used, says so and offers another.
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link has already been used");
        await session.ExpectAccessibleAsync("a used link");
        await page.GotoAsync("/parents/link/made-up-token");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link is not valid");
        await session.ExpectAccessibleAsync("a link that is not valid");

        await page.GotoAsync("/parents");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Your sign-in" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You have signed out");
        await session.ExpectAccessibleAsync("the signed-out page");
        Assert.Empty(session.ServerErrors);
    }

    private async Task<IReadOnlyList<StoredMail>> MailsAsync()
    {
        await app.Services.GetRequiredService<MailOutbox>().EmptyAsync().WaitAsync(TestContext.Current.CancellationToken);
        return app.Services.GetRequiredService<FolderMailSender>().Read().Where(m => m.To == DemoParents.Parent).ToList();
    }

    private async Task<string> LinkFromMailAsync()
    {
        var mail = (await MailsAsync()).First(m => m.Subject.Contains("sign in", StringComparison.Ordinal));
        return new Uri(SignInLink().Match(mail.Body).Value).PathAndQuery;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/parents/link/[A-Za-z0-9_-]+")]
    private static partial Regex SignInLink();
}
