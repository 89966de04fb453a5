using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

/// <summary>
/// A new official account from request to approval, as the demo trust's policy routes it: the e-safety coordinator asks
/// (tripping over the email domain rule first), the headteacher approves, then the trust's head of communications.
/// A second request is refused with a reason. axe scans every page on the way.
/// </summary>
[Collection(BrowserJourneys.Name)]
public class AccountRequestJourneyTests(Chromium chromium, BrowserApp app)
{
    private const string ESafety = "e-safety-coordinator@demo.safesocial.test";
    private const string Headteacher = "headteacher@demo.safesocial.test";
    private const string HeadOfComms = "head-of-communications@demo.safesocial.test";

    [Fact]
    public async Task ARequestWithTheWholeCase_IsApprovedByTheHeadteacherThenTheHeadOfCommunications()
    {
        var school = await SchoolIdAsync();
        string accountUrl;
        await using (var requester = await BrowserSession.OpenAsync(chromium, app))
        {
            var page = requester.Page;
            await requester.SignInAsync(ESafety);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Official accounts" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Official accounts");
            await requester.ExpectAccessibleAsync("the official accounts register");
            await page.GetByRole(AriaRole.Link, new() { Name = "Request a new account" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/o/{school}/accounts/request$"));
            await requester.ExpectAccessibleAsync("the account request form");

            await FillRequestAsync(page, "@alderbrook.journey", "alderbrook.office@gmail.com", pupilsMayContribute: true);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send for approval" }).ClickAsync();

            // Refused for the domain alone: the message says which domains count, and nothing typed is lost.
            const string domainRule = "The official email must be on a domain the policy lists: @demo.safesocial.test";
            await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync(domainRule);
            await Expect(page.Locator(".govuk-error-summary li")).ToHaveCountAsync(1);
            await Expect(page.Locator("#Input_OfficialEmail-error")).ToContainTextAsync(domainRule);
            await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
            await Expect(page.GetByLabel("Official email address")).ToHaveValueAsync("alderbrook.office@gmail.com");
            await Expect(page.GetByLabel("Handle or account name")).ToHaveValueAsync("@alderbrook.journey");
            await Expect(page.GetByLabel("Bluesky", new() { Exact = true })).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Parents", new() { Exact = true })).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Staff", new() { Exact = true })).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Pupils", new() { Exact = true })).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Purpose and objectives")).ToHaveValueAsync("Celebrate pupils' learning and share school news with families.");
            await Expect(page.GetByLabel("Hazards")).ToHaveValueAsync("A pupil without consent is shown; a comment is unkind.");
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Next review" }).GetByLabel("Year")).ToHaveValueAsync("2030");
            await Expect(page.GetByLabel("Minimum user age (optional)")).ToHaveValueAsync("16");
            await requester.ExpectAccessibleAsync("the account request form with an error");

            await page.GetByLabel("Official email address").FillAsync("alderbrook.social@demo.safesocial.test");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send for approval" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("@alderbrook.journey");
            await Expect(page.Locator("#success-message")).ToHaveTextAsync("The request for @alderbrook.journey is waiting for approval. The headteacher is now asked");
            await Expect(page.Locator("#status")).ToContainTextAsync("Waiting for approval");
            await Expect(page.Locator("#case")).ToContainTextAsync("alderbrook.social@demo.safesocial.test");
            await Expect(page.Locator("#case")).ToContainTextAsync("Pupils, Staff, Parents");
            await Expect(page.Locator("#risk")).ToContainTextAsync("1 September 2030");
            // The requester is not an approver: no decision form for them.
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
            await requester.ExpectAccessibleAsync("a new account request");
            accountUrl = new Uri(page.Url).AbsolutePath;
        }

        await DecideAsync(Headteacher, accountUrl, "Approve", "A clear plan; comments stay off.", "the account request, as the headteacher");
        await using (var head = await OpenAsAsync(Headteacher, accountUrl))
        {
            await Expect(head.Page.Locator("#approvals")).ToContainTextAsync(new Regex(@"Headteacher\s*Approved by"));
            await Expect(head.Page.Locator("#approvals")).ToContainTextAsync("Waiting for their decision");
            await Expect(head.Page.Locator("#status")).ToContainTextAsync("Waiting for approval");
        }

        await DecideAsync(HeadOfComms, accountUrl, "Approve", null, "the account request, as the head of communications");
        await using var comms = await OpenAsAsync(HeadOfComms, accountUrl);
        await Expect(comms.Page.Locator("#status")).ToHaveTextAsync(new Regex(@"^\s*Approved\s*$"));
        await Expect(comms.Page.Locator("#approvals")).ToContainTextAsync(new Regex(@"Head of communications\s*Approved by"));
        await comms.ExpectAccessibleAsync("an approved account");

        // Pupils may contribute, but the platform's minimum age (16 here) is a hard line: the primary school's pupils are
        // all under it, so none is offered (the refusal of one posted anyway is PupilContributorPageTests').
        var cpage = comms.Page;
        await Expect(cpage.Locator("#under-minimum-age")).ToContainTextAsync(new Regex(@"pupils on roll (is|are) under this account's minimum user age of 16 today"));
        await Expect(cpage.Locator("#no-candidates")).ToContainTextAsync("No pupil on roll is 16 or older today");
        await Expect(cpage.GetByLabel("Add a pupil contributor")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheHeadteacherRefusesARequest_OnlyWithAReason_AndItIsClosed()
    {
        var school = await SchoolIdAsync();
        string accountUrl;
        await using (var requester = await BrowserSession.OpenAsync(chromium, app))
        {
            await requester.SignInAsync(ESafety);
            await requester.Page.GotoAsync($"/o/{school}/accounts/request");
            await FillRequestAsync(requester.Page, "@alderbrook.refused", "alderbrook.refused@demo.safesocial.test");
            await requester.Page.GetByRole(AriaRole.Button, new() { Name = "Send for approval" }).ClickAsync();
            await Expect(requester.Page.Locator("#status")).ToContainTextAsync("Waiting for approval");
            accountUrl = new Uri(requester.Page.Url).AbsolutePath;
        }

        await using var head = await OpenAsAsync(Headteacher, accountUrl);
        var page = head.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Refuse" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter why the request is refused");
        await head.ExpectAccessibleAsync("the account request refused without a reason");
        await page.GetByLabel("Reason").FillAsync("We already run an Instagram account for the same families.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refuse" }).ClickAsync();
        await Expect(page.Locator("#success-message")).ToHaveTextAsync(new Regex(@"^You refused the request: it is closed\. .+ is told why$"));
        await Expect(page.Locator("#status")).ToContainTextAsync("Closed");
        await Expect(page.Locator("#status")).ToContainTextAsync("Refused: We already run an Instagram account for the same families.");
        await head.ExpectAccessibleAsync("a refused account request");
    }

    /// <summary>The whole case and risk assessment, as the trust policy lists them.</summary>
    private static async Task FillRequestAsync(IPage page, string handle, string email, bool pupilsMayContribute = false)
    {
        await page.GetByLabel("Bluesky", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Handle or account name").FillAsync(handle);
        await page.GetByLabel("Web address (optional)").FillAsync("https://bsky.app/profile/" + handle.TrimStart('@'));
        await page.GetByLabel("Purpose and objectives").FillAsync("Celebrate pupils' learning and share school news with families.");
        await page.GetByLabel("Intended outcomes").FillAsync("Families know what is happening; more come to events.");
        await page.GetByLabel("Audience").FillAsync("Parents, carers and the local community");
        if (pupilsMayContribute) await page.GetByLabel("Pupils", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Staff", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Parents", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Expected engagement").FillAsync("Three posts a week; replies within a school day.");
        await page.GetByLabel("Time staff will commit").FillAsync("An hour a week from the office.");
        await page.GetByLabel("How success will be evaluated").FillAsync("Termly reach figures and a parent survey question.");
        await page.GetByLabel("Hazards").FillAsync("A pupil without consent is shown; a comment is unkind.");
        await page.GetByLabel("Controls", new() { Exact = true }).FillAsync("Consent check before every post; replies moderated.");
        await page.GetByLabel("Assessed by").FillAsync("E-safety coordinator");
        await FillDateAsync(page, "Assessed on", "1", "9", "2025");
        await FillDateAsync(page, "Next review", "1", "9", "2030");
        await page.GetByLabel("Official email address").FillAsync(email);
        await page.GetByLabel("Minimum user age (optional)").FillAsync("16");
    }

    private static async Task FillDateAsync(IPage page, string legend, string day, string month, string year)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend });
        await group.GetByLabel("Day").FillAsync(day);
        await group.GetByLabel("Month").FillAsync(month);
        await group.GetByLabel("Year").FillAsync(year);
    }

    private async Task<BrowserSession> OpenAsAsync(string email, string url)
    {
        var session = await BrowserSession.OpenAsync(chromium, app);
        await session.SignInAsync(email);
        await session.Page.GotoAsync(url);
        return session;
    }

    /// <summary>Signs in as the step's approver, reads the request, and decides it.</summary>
    private async Task DecideAsync(string email, string url, string decision, string? reason, string where)
    {
        await using var session = await OpenAsAsync(email, url);
        var page = session.Page;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your decision" })).ToBeVisibleAsync();
        await session.ExpectAccessibleAsync(where);
        if (reason is not null) await page.GetByLabel("Reason").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = decision, Exact = true }).ClickAsync();
        await Expect(page.Locator("#success-message")).ToContainTextAsync("You approved the request. ");
        await session.ExpectAccessibleAsync(where + " after approving");
    }

    private async Task<Guid> SchoolIdAsync()
    {
        await using var db = app.Db.System();
        return await db.Organisations.Where(o => o.Name == "Alder Brook Primary School").Select(o => o.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
