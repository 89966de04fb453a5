using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

[Collection(BrowserJourneys.Name)]
public class SignInJourneyTests(Chromium chromium, BrowserApp app)
{
    [Fact]
    public async Task Headteacher_SignsInWithTwoFactor_AndLandsOnTheSchoolDashboard()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in to SafeSocial");
        await page.GetByLabel("Email address").FillAsync("headteacher@demo.safesocial.test");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(SafeSocial.Core.Demo.DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/sign-in/code"));
        await session.ExpectAccessibleAsync("the two-factor code page");
        await session.EnterCodeAsync();

        var school = await SchoolIdAsync("Alder Brook Primary School");
        await Expect(page).ToHaveURLAsync(new Regex($"/o/{school}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Alder Brook Primary School");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs your attention" })).ToBeVisibleAsync();
        await session.ExpectAccessibleAsync("the school dashboard");
    }

    [Fact]
    public async Task SignInPage_PassesAxe()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        await session.Page.GotoAsync("/sign-in");
        await session.ExpectAccessibleAsync("the sign-in page");
    }

    [Fact]
    public async Task SignInPage_WithErrors_ShowsTheErrorSummary_AndPassesAxe()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        var page = session.Page;
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToContainTextAsync("There is a problem");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Enter your email address" })).ToHaveAttributeAsync("href", "#Email");
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await session.ExpectAccessibleAsync("the sign-in page with errors");
    }

    [Fact]
    public async Task NotFoundPage_PassesAxe_SignedOutAndSignedIn()
    {
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        var page = session.Page;
        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await session.ExpectAccessibleAsync("the 404 page (signed out)");

        await session.SignInAsync("teacher@demo.safesocial.test");
        response = await page.GotoAsync($"/o/{Guid.NewGuid()}");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await session.ExpectAccessibleAsync("the 404 page (signed in)");
    }

    private async Task<Guid> SchoolIdAsync(string name)
    {
        await using var db = app.Db.System();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
