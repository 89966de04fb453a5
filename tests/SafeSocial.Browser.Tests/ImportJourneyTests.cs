using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

/// <summary>
/// The school business manager imports the roster: upload a OneRoster export, check the preview, apply it,
/// read the result. Written against the description of /o/{orgId}/import (selectors by role and
/// label text, not by markup); it runs once that page is in the application and is skipped until then.
/// </summary>
[Collection(BrowserJourneys.Name)]
public class ImportJourneyTests(Chromium chromium, BrowserApp app)
{
    private static readonly RegexOptions Words = RegexOptions.IgnoreCase;

    [Fact(Skip = "import journey pending merge", SkipType = typeof(AppPages), SkipUnless = nameof(AppPages.HasImportPage))]
    public async Task SchoolBusinessManager_UploadsARoster_ChecksThePreview_AppliesIt_AndSeesTheResult()
    {
        var ct = TestContext.Current.CancellationToken;
        var schoolId = await SchoolIdAsync(ct);
        var leaversBefore = await LeaversAsync(schoolId, ct);
        string zip;
        await using (var db = app.Db.System())
            zip = await OneRosterFolder.WriteZipAsync(db, schoolId, Path.Combine(app.DataFolder, "oneroster-journey"), ct);

        await using var session = await BrowserSession.OpenAsync(chromium, app);
        var page = session.Page;
        await session.SignInAsync("school-business-manager@demo.safesocial.test");
        await session.OpenFromMenuAsync("Staff and roles", "Import roster");
        await Expect(page).ToHaveURLAsync(new Regex($"/o/{schoolId}/import"));
        await session.ExpectAccessibleAsync("the import page");

        // Upload: choose OneRoster if the page asks for the format, pick the zip, send it.
        var oneRoster = page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("OneRoster", Words) });
        if (await oneRoster.CountAsync() > 0) await oneRoster.First.CheckAsync();
        await page.Locator("main input[type=file]").First.SetInputFilesAsync(zip);
        await SubmitButton(page, "upload|preview|check|continue").ClickAsync();

        // Preview: counts of what will change, no errors, nothing applied yet.
        var apply = SubmitButton(page, "apply|confirm");
        await Expect(apply).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator(".govuk-error-summary")).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).ToContainTextAsync(new Regex("add", Words));
        Assert.Equal(0, await NewPupilsAsync(schoolId, ct));
        await session.ExpectAccessibleAsync("the import preview");

        await apply.ClickAsync();

        // Result (after any progress page): the two new pupils are on roll with their parent; nobody already there became a leaver.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("complete|imported|applied|finished", Words), new() { Timeout = 60_000 });
        await Expect(page.Locator(".govuk-error-summary")).ToHaveCountAsync(0);
        await WaitUntilAsync(async () => await NewPupilsAsync(schoolId, ct) == OneRosterFolder.NewPupils.Length, "the two new pupils to be on roll");
        await using (var db = app.Db.System())
        {
            var parentsOfNew = await db.PupilParents.Where(l => l.OrganisationId == schoolId && l.Pupil!.LegalLastName == OneRosterFolder.NewSurname)
                .Select(l => l.Parent!.FirstName).Distinct().ToListAsync(ct);
            Assert.Equal([OneRosterFolder.NewParent], parentsOfNew);
        }
        Assert.Equal(leaversBefore, await LeaversAsync(schoolId, ct));
        await session.ExpectAccessibleAsync("the import result");
    }

    /// <summary>A form's button by its words; a file input also counts as a "button" to the accessibility tree, so it is left out.</summary>
    private static ILocator SubmitButton(IPage page, string words) =>
        page.Locator("main").GetByRole(AriaRole.Button, new() { NameRegex = new Regex(words, Words) }).And(page.Locator("button, input[type=submit]")).First;

    private async Task<Guid> SchoolIdAsync(CancellationToken ct)
    {
        await using var db = app.Db.System();
        return await db.Organisations.Where(o => o.Name == "Alder Brook Primary School").Select(o => o.Id).SingleAsync(ct);
    }

    private async Task<int> LeaversAsync(Guid schoolId, CancellationToken ct)
    {
        await using var db = app.Db.System();
        return await db.Pupils.CountAsync(p => p.OrganisationId == schoolId && p.LeavingDate != null, ct);
    }

    private async Task<int> NewPupilsAsync(Guid schoolId, CancellationToken ct)
    {
        await using var db = app.Db.System();
        return await db.Pupils.CountAsync(p => p.OrganisationId == schoolId && p.LegalLastName == OneRosterFolder.NewSurname, ct);
    }

    /// <summary>An import may finish in the background after the page answers (large files show progress).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 120; i++)
        {
            if (await condition()) return;
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"Timed out waiting for {what}");
    }
}
