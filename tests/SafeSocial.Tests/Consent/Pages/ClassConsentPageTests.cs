using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Consent.Pages;

/// <summary>What teachers see: the class list before taking photos, the badge beside each pupil, and the coverage dashboard.</summary>
public class ClassConsentPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Kingfishers(Guid ClassId, DemoFamilies.Family All, DemoFamilies.Family None, DemoFamilies.Family Withdrew, DemoFamilies.Family Left);

    /// <summary>A class of three on roll and one who has left: one who gave everything, one who never answered, one who withdrew social media.</summary>
    private async Task<Kingfishers> KingfishersAsync(Guid school, string name)
    {
        var cls = await DemoFamilies.ClassAsync(app, school, name, "3");
        var all = await DemoFamilies.AddAsync(app, school, $"Zz{name}all", cls);
        var none = await DemoFamilies.AddAsync(app, school, $"Zz{name}none", cls);
        var withdrew = await DemoFamilies.AddAsync(app, school, $"Zz{name}withdrew", cls);
        var left = await DemoFamilies.AddAsync(app, school, $"Zz{name}left", cls, leaving: DemoFamilies.Today.AddDays(-1));
        await DemoFamilies.GiveAllAsync(app, school, all);
        await DemoFamilies.GiveAllAsync(app, school, withdrew, ConsentPurpose.FirstNameWithImage);
        await DemoFamilies.DecideAsync(app, school, withdrew, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Withdrawn, DemoFamilies.Today.AddDays(-1));
        await DemoFamilies.GiveAllAsync(app, school, left);
        return new Kingfishers(cls, all, none, withdrew, left);
    }

    [Fact]
    public async Task TheClassList_SaysWhoMayAppearWhere_InWords_WithThoseWhoMayNotAppearAtAllFirst()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var k = await KingfishersAsync(demo.School, "Kingfisher");
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);

        var page = await teacher.GetPageAsync($"/o/{demo.School}/consent/classes/{k.ClassId}");
        Assert.Equal("Kingfisher", page.QuerySelector("h1")!.TextContent.Trim());
        var warning = page.QuerySelector(".ss-not-at-all")!;
        Assert.Equal([k.None.Name], warning.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
        Assert.Contains("1 pupil may not appear in any photo or video", warning.TextContent);
        Assert.True(page.QuerySelector(".ss-not-at-all")!.CompareDocumentPosition(page.QuerySelector(".ss-consent-table")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));

        var rows = page.QuerySelectorAll(".ss-consent-table tbody tr");
        Assert.Equal(3, rows.Length); // the leaver is not on the list
        Assert.Null(page.QuerySelector($"tr[data-pupil='{k.Left.PupilId}']"));
        var headers = page.QuerySelectorAll(".ss-consent-table thead th").Select(th => th.TextContent.Trim()).ToList();
        List<string> Cells(DemoFamilies.Family f) => page.QuerySelectorAll($".ss-consent-table tr[data-pupil='{f.PupilId}'] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.All(Cells(k.All), c => Assert.Equal("✓ Yes", c));
        Assert.All(Cells(k.None), c => Assert.Equal("✗ No: no answer", c));
        var withdrew = Cells(k.Withdrew);
        Assert.Equal("✗ No: withdrawn", withdrew[headers.IndexOf("The school's social media accounts") - 1]);
        Assert.Equal("✓ Yes", withdrew[headers.IndexOf("School website") - 1]);
        Assert.Equal("✗ No: no answer", withdrew[^1]); // first name shown
        // The marks are decoration: the words carry the meaning.
        Assert.All(page.QuerySelectorAll(".ss-mark"), m => Assert.Equal("true", m.GetAttribute("aria-hidden")));

        // The phone layout says the same, one card a pupil.
        var card = page.QuerySelector($".ss-consent-card[data-pupil='{k.Withdrew.PupilId}']")!.TextContent;
        Assert.Contains("Not in: The school's social media accounts (withdrawn)", card);
        Assert.Contains("First name must not be shown", card);
        Assert.Contains("No photos or videos at all", page.QuerySelector($".ss-consent-card[data-pupil='{k.None.PupilId}']")!.TextContent);
    }

    [Fact]
    public async Task AnotherSchoolsClass_IsNotFound_AndTheTrustHasNoClassLists()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var theirs = await db.SchoolClasses.FirstAsync(c => c.OrganisationId == demo.OtherSchool, Ct);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/o/{demo.School}/consent/classes/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/o/{demo.OtherSchool}/consent/classes/{theirs.Id}")).StatusCode);
        var other = await app.SignedInAsync(DemoTrust.OtherHeadteacher);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/o/{demo.OtherSchool}/consent/classes/{theirs.Id}")).StatusCode);
        var trust = await app.SignedInAsync(DemoTrust.TrustLeader);
        Assert.Equal(HttpStatusCode.NotFound, (await trust.GetAsync($"/o/{demo.Trust}/consent/classes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trust.GetAsync($"/o/{demo.Trust}/consent/classes/all")).StatusCode);
    }

    [Fact]
    public async Task TheClassesPage_LinksEveryClass_AndPrintAllPutsEachClassOnItsOwnPage()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var k = await KingfishersAsync(demo.School, "Heron");
        await using var db = app.Db.System();
        var classes = await db.SchoolClasses.CountAsync(c => c.OrganisationId == demo.School, Ct);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);

        var list = await teacher.GetPageAsync($"/o/{demo.School}/consent/classes");
        var row = list.QuerySelectorAll("#classes tbody tr").Single(r => r.QuerySelector("a")!.GetAttribute("href") == $"/o/{demo.School}/consent/classes/{k.ClassId}");
        Assert.Equal(["Year 3", "3", "1"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));

        var all = await teacher.GetPageAsync($"/o/{demo.School}/consent/classes/all");
        Assert.Equal(classes, all.QuerySelectorAll(".ss-print-page").Length);
        var heron = all.QuerySelector($".ss-class-consent[data-class='{k.ClassId}']")!;
        Assert.Equal(3, heron.QuerySelectorAll(".ss-consent-table tbody tr").Length);
        Assert.Single(all.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task ThePupilList_ShowsEachPupilsConsentBadge_InWords()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var k = await KingfishersAsync(demo.School, "Osprey");
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);

        var page = await teacher.GetPageAsync($"/o/{demo.School}/pupils?search=zzosprey");
        string Badge(DemoFamilies.Family f) => page.QuerySelectorAll("#pupils tbody tr")
            .Single(r => r.TextContent.Contains(f.Name, StringComparison.Ordinal)).QuerySelector(".ss-consent-badge")!.TextContent.Trim();
        Assert.Equal("Photo consent: All purposes", Badge(k.All));
        Assert.Equal("Photo consent: No consent", Badge(k.None));
        Assert.Equal("Photo consent: Some purposes", Badge(k.Withdrew));
        Assert.Equal(3, page.QuerySelectorAll("#pupils tbody tr").Length);
    }

    [Fact]
    public async Task TheDashboard_CountsThisSchoolByYearGroup_AndTheTrustByItsSchools()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var schoolNames = await db.Organisations.Where(o => o.TrustId == demo.Trust).Select(o => o.Name).ToListAsync(Ct);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);

        var school = await teacher.GetPageAsync($"/o/{demo.School}/consent?purpose={ConsentPurpose.Video}");
        Assert.Equal(ConsentPurpose.Defaults.Count, school.QuerySelectorAll("#coverage tbody tr").Length);
        Assert.Contains("Video, year group by year group", school.QuerySelector("#coverage-breakdown caption")!.TextContent);
        var years = school.QuerySelectorAll("#coverage-breakdown tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal("Reception", years[0]);
        Assert.Contains("Year 6", years);
        Assert.NotNull(school.QuerySelector("#section-navigation a[href$='/consent'][aria-current=page]"));

        var trust = await app.SignedInAsync(DemoTrust.TrustLeader);
        var page = await trust.GetPageAsync($"/o/{demo.Trust}/consent");
        Assert.Equal(schoolNames.Order(), page.QuerySelectorAll("#coverage-breakdown tbody th").Select(th => th.TextContent.Trim()).Order());
        Assert.Null(page.QuerySelector("#class-lists"));
    }
}
