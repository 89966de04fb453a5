using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

/// <summary>The grouped menu and a teacher's "My class", used with the keyboard alone, with axe on each page.</summary>
[Collection(BrowserJourneys.Name)]
public class MenuJourneyTests(Chromium chromium, BrowserApp app)
{
    /// <summary>Presses Tab until the focused element is the link named so, then Enter, as a keyboard user does.</summary>
    private static async Task TabToAndFollowAsync(IPage page, string name)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''") == name)
            {
                await page.Keyboard.PressAsync("Enter");
                return;
            }
        }
        Assert.Fail($"\"{name}\" was not reached with the Tab key on {page.Url}");
    }

    [Fact]
    public async Task AHeadteacher_ReachesAGroupedPage_AndATeacherTheirClassList_ByKeyboard()
    {
        await using (var session = await BrowserSession.OpenAsync(chromium, app))
        {
            var page = session.Page;
            await session.SignInAsync("headteacher@demo.safesocial.test");
            await TabToAndFollowAsync(page, "Pupils and consent");
            await Expect(page.Locator("#section-navigation")).ToBeVisibleAsync();
            await session.ExpectAccessibleAsync("a page of the menu's Pupils and consent group");
            await TabToAndFollowAsync(page, "Consent campaigns");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consent campaigns");
            await Expect(page.Locator("#section-navigation [aria-current=page]")).ToHaveTextAsync("Consent campaigns");
        }

        await using (var session = await BrowserSession.OpenAsync(chromium, app))
        {
            var page = session.Page;
            await session.SignInAsync("teacher@demo.safesocial.test");
            await TabToAndFollowAsync(page, "My class");
            await Expect(page).ToHaveURLAsync(new Regex("/consent/classes/[0-9a-f-]{36}$"));
            await Expect(page.Locator("main a").First).ToHaveTextAsync("Print this list");
            await Expect(page).ToHaveTitleAsync(new Regex(" – .+ – SafeSocial$"));
            await session.ExpectAccessibleAsync("a teacher's class list");
        }
    }
}
