using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

/// <summary>The headteacher starts a campaign for two year groups and sends its invitations; axe scans each campaign page.</summary>
[Collection(BrowserJourneys.Name)]
public class ConsentCampaignJourneyTests(Chromium chromium, BrowserApp app)
{
    [Fact]
    public async Task Headteacher_StartsACampaign_SendsInvitations_AndSeesResponseRates()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        var page = session.Page;
        await session.SignInAsync("headteacher@demo.safesocial.test");

        await session.OpenFromMenuAsync("Pupils and consent", "Consent campaigns");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consent campaigns");
        await session.ExpectAccessibleAsync("the consent campaigns page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a campaign" }).ClickAsync();
        await session.ExpectAccessibleAsync("the new campaign page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether to ask the whole school or chosen year groups");
        await session.ExpectAccessibleAsync("the new campaign page with an error");

        await page.GetByLabel("Campaign name").FillAsync("Reception and Year 1 starters");
        await page.GetByLabel("Chosen year groups, for example new admissions").CheckAsync();
        await page.GetByLabel("Reception").CheckAsync();
        await page.GetByLabel("Year 1", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reception and Year 1 starters");
        await Expect(page.Locator("#rates tbody tr")).ToHaveCountAsync(2);
        await session.ExpectAccessibleAsync("a campaign before sending");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }).ClickAsync();
        // The page follows the sending until it is done, then says what it came to.
        await Expect(page.Locator("#last-send")).ToContainTextAsync(new Regex(@"Invitations sent .*: \d+ emails to the parents of \d+ pupils"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send reminders" })).ToBeVisibleAsync();
        await session.ExpectAccessibleAsync("a campaign after sending invitations");
    }
}
