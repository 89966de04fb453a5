using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

/// <summary>
/// A teacher finds a pupil by surname and sees their parents. Written against the description of the
/// people pages (a search box, a link per pupil to /o/{school}/pupils/{id}, parents on the pupil's
/// page); it runs as soon as those pages are in the application, and is skipped until then.
/// </summary>
[Collection(BrowserJourneys.Name)]
public class FindPupilJourneyTests(Chromium chromium, BrowserApp app)
{
    [Fact(Skip = "pupil pages pending merge", SkipType = typeof(AppPages), SkipUnless = nameof(AppPages.HasPupilPages))]
    public async Task Teacher_SearchesForAPupilBySurname_OpensTheirPage_AndSeesTheirParents()
    {
        var (schoolId, pupil, parents) = await APupilWithParentsAsync();
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        var page = session.Page;
        await session.SignInAsync("teacher@demo.safesocial.test");

        await session.OpenFromMenuAsync("Pupils and consent", "Pupils");
        await Expect(page).ToHaveURLAsync(new Regex($"/o/{schoolId}/pupils"));
        await session.ExpectAccessibleAsync("the pupils page");

        // The search box by its usual names, or by its label ("Name", "Search…").
        var search = page.Locator("main input[name=q], main input[name=Search], main input[type=search]")
            .Or(page.Locator("main").GetByLabel(new Regex("^(name|search)", RegexOptions.IgnoreCase))).First;
        await search.FillAsync(pupil.Last);
        await search.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(Regex.Escape(pupil.Last)));
        await session.ExpectAccessibleAsync("the pupil search results");

        await page.Locator("main a").Filter(new() { HasTextRegex = Named(pupil.First, pupil.Last) }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/o/{schoolId}/pupils/{pupil.Id}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Named(pupil.First, pupil.Last));
        foreach (var (first, last) in parents)
            await Expect(page.Locator("main")).ToContainTextAsync(Named(first, last));
        await session.ExpectAccessibleAsync("the pupil's page");
    }

    /// <summary>"Ann Smith" or "Smith, Ann": either way a page may show a name.</summary>
    private static Regex Named(string first, string last) =>
        new($"{Regex.Escape(first)}\\s+{Regex.Escape(last)}|{Regex.Escape(last)},\\s*{Regex.Escape(first)}");

    /// <summary>A pupil of the first demo school with a plain surname, no preferred name, a name no one else has, and parents.</summary>
    private async Task<(Guid SchoolId, (Guid Id, string First, string Last) Pupil, List<(string First, string Last)> Parents)> APupilWithParentsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = app.Db.System();
        var school = await db.Organisations.SingleAsync(o => o.Name == "Alder Brook Primary School", ct);
        var pupils = await db.Pupils.Where(p => p.OrganisationId == school.Id && p.PreferredFirstName == null && p.LeavingDate == null)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, Parents = p.Parents.Select(l => new { l.Parent!.FirstName, l.Parent.LastName }).ToList() })
            .ToListAsync(ct);
        // A surname few classmates share, so the pupil is on the first page of results.
        var pupil = pupils.First(p => p.Parents.Count > 0 && p.LegalLastName.All(char.IsAsciiLetter)
            && pupils.Count(o => $"{o.LegalFirstName} {o.LegalLastName}".Contains(p.LegalLastName, StringComparison.OrdinalIgnoreCase)) <= 5
            && pupils.Count(o => o.LegalFirstName == p.LegalFirstName && o.LegalLastName == p.LegalLastName) == 1);
        return (school.Id, (pupil.Id, pupil.LegalFirstName, pupil.LegalLastName), pupil.Parents.Select(x => (x.FirstName, x.LastName)).ToList());
    }
}
