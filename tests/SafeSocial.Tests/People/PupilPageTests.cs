using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.People;

public class PupilPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Gives a pupil of the school names nobody else has, so searches have one right answer.</summary>
    private async Task<Pupil> NamedPupilAsync(Guid schoolId, string legalFirst, string legalLast, string? preferredFirst = null, DateOnly? leaving = null)
    {
        await using var db = app.Db.System();
        var pupil = await db.Pupils.Where(p => p.OrganisationId == schoolId && p.PreferredFirstName == null && !p.LegalFirstName.StartsWith("Zz"))
            .OrderBy(p => p.SourcedId).FirstAsync(Ct);
        (pupil.LegalFirstName, pupil.LegalLastName, pupil.PreferredFirstName, pupil.LeavingDate) = (legalFirst, legalLast, preferredFirst, leaving);
        pupil.RefreshSearchName();
        await db.SaveChangesAsync(Ct);
        return pupil;
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#pupils tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Search_FindsAPupilByLegalOrPreferredName_AndShowsBoth()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await NamedPupilAsync(demo.School, "Zzalexandra", "Quillfeather", preferredFirst: "Zzsasha");
        var client = await app.SignedInAsync(DemoTrust.Teacher);

        foreach (var search in new[] { "zzalexandra", "ZZSASHA", "sasha quill", "Quillfeather, Zzsa" })
        {
            var page = await client.GetPageAsync($"/o/{demo.School}/pupils?search={Uri.EscapeDataString(search)}");
            var name = Assert.Single(Names(page));
            Assert.Contains("Zzsasha Quillfeather", name);
            Assert.Contains("Legal name: Zzalexandra Quillfeather", name);
        }
        var none = await client.GetPageAsync($"/o/{demo.School}/pupils?search=zzsasha%25");
        Assert.NotNull(none.QuerySelector("#no-pupils"));
    }

    [Fact]
    public async Task Filters_ByYearGroupAndClass_ReturnOnlyThosePupils()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var oak = await db.SchoolClasses.Where(c => c.OrganisationId == demo.School && c.YearGroup == "3").OrderBy(c => c.Name).FirstAsync(Ct);
        var expectedInClass = await db.Pupils.CountAsync(p => p.ClassId == oak.Id && p.LeavingDate == null, Ct);
        var expectedInYear = await db.Pupils.CountAsync(p => p.OrganisationId == demo.School && p.YearGroup == "3" && p.LeavingDate == null, Ct);
        var client = await app.SignedInAsync(DemoTrust.Teacher);

        var year = await client.GetPageAsync($"/o/{demo.School}/pupils?year=3");
        Assert.Equal($"Showing 1 to {expectedInYear} of {expectedInYear} pupils", year.QuerySelector("#result-count")!.TextContent.Trim());
        Assert.All(year.QuerySelectorAll("#pupils tbody tr td:nth-child(2)"), td => Assert.Equal("Year 3", td.TextContent.Trim()));
        Assert.Equal("3", year.QuerySelector("#Year option[selected]")!.GetAttribute("value"));

        var inClass = await client.GetPageAsync($"/o/{demo.School}/pupils?class={oak.Id}");
        Assert.Equal(expectedInClass, inClass.QuerySelectorAll("#pupils tbody tr").Length);
        Assert.All(inClass.QuerySelectorAll("#pupils tbody tr td:nth-child(3)"), td => Assert.Equal(oak.Name, td.TextContent.Trim()));
        var options = year.QuerySelectorAll("#Year option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(["All year groups", "Reception", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Year 6"], options);
    }

    [Fact]
    public async Task Leavers_AreHiddenUnlessAskedFor_AndTaggedLeft()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await NamedPupilAsync(demo.School, "Zzbartholomew", "Leftwich", leaving: DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-3));
        var client = await app.SignedInAsync(DemoTrust.Teacher);

        var hidden = await client.GetPageAsync($"/o/{demo.School}/pupils?search=leftwich");
        Assert.NotNull(hidden.QuerySelector("#no-pupils"));
        var shown = await client.GetPageAsync($"/o/{demo.School}/pupils?search=leftwich&leavers=true");
        Assert.Contains("Left", Assert.Single(shown.QuerySelectorAll("#pupils tbody tr")).QuerySelector(".govuk-tag")!.TextContent);
    }

    [Fact]
    public async Task Paging_ShowsFiftyAPage()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var onRoll = await db.Pupils.CountAsync(p => p.OrganisationId == demo.School && (p.LeavingDate == null || p.LeavingDate > today), Ct);
        var client = await app.SignedInAsync(DemoTrust.Teacher);

        var first = await client.GetPageAsync($"/o/{demo.School}/pupils");
        Assert.Equal(50, first.QuerySelectorAll("#pupils tbody tr").Length);
        var lastPage = (onRoll + 49) / 50;
        var last = await client.GetPageAsync($"/o/{demo.School}/pupils?pageNumber={lastPage}");
        Assert.Equal(onRoll - (lastPage - 1) * 50, last.QuerySelectorAll("#pupils tbody tr").Length);
        Assert.Equal($"Page {lastPage}", last.QuerySelector(".govuk-pagination__item--current a")!.GetAttribute("aria-label"));
        var pageTwo = await client.GetPageAsync($"/o/{demo.School}/pupils?pageNumber=2");
        Assert.Empty(Names(first).Intersect(Names(pageTwo)));
    }

    [Fact]
    public async Task PupilDetail_ShowsNamesAndParents_AndTheReadIsAudited()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var pupil = await NamedPupilAsync(demo.School, "Zzcordelia", "Auditwell", preferredFirst: "Zzdelia");
        await using var db = app.Db.System();
        var links = await db.PupilParents.Include(l => l.Parent).Where(l => l.PupilId == pupil.Id).ToListAsync(Ct);
        var client = await app.SignedInAsync(DemoTrust.Teacher);

        var page = await client.GetPageAsync($"/o/{demo.School}/pupils/{pupil.Id}");
        Assert.Contains("Zzdelia Auditwell", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Zzcordelia Auditwell", page.QuerySelector("#pupil")!.TextContent);
        var rows = page.QuerySelectorAll("#contacts tbody tr");
        Assert.Equal(links.Count, rows.Length);
        foreach (var link in links)
        {
            var row = rows.Single(r => r.QuerySelector("th")!.TextContent == link.Parent!.FullName);
            Assert.Equal(link.Relationship, row.Children[1].TextContent.Trim());
            Assert.Equal(link.HasParentalResponsibility ? "Yes" : "No", row.Children[2].TextContent.Trim());
        }

        var teacher = await DemoTrust.StaffAsync(app, DemoTrust.Teacher);
        var read = await db.AuditEntries.Where(a => a.Action == "Viewed" && a.EntityType == "Pupil" && a.EntityId == pupil.Id.ToString()).ToListAsync(Ct);
        var entry = Assert.Single(read);
        Assert.Equal((demo.School, teacher.UserId), (entry.OrganisationId, entry.ActorUserId));
    }

    [Fact]
    public async Task AnotherSchoolsPupil_IsNotFound_FromEitherAddress()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var theirs = await db.Pupils.FirstAsync(p => p.OrganisationId == demo.OtherSchool, Ct);
        var client = await app.SignedInAsync(DemoTrust.Headteacher);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{demo.School}/pupils/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{demo.OtherSchool}/pupils/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{demo.OtherSchool}/pupils")).StatusCode);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "Viewed" && a.EntityId == theirs.Id.ToString(), Ct));
    }

    [Fact]
    public async Task TheTrust_HasNoPupilList()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var client = await app.SignedInAsync(DemoTrust.TrustLeader);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{demo.Trust}/pupils")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/o/{demo.School}/pupils")).StatusCode);
    }

    [Fact]
    public async Task RolesWithoutThePermission_AreRefused()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var pupil = await db.Pupils.FirstAsync(p => p.OrganisationId == demo.School, Ct);

        var volunteer = await app.SignedInAsync(DemoTrust.Volunteer);
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(volunteer, $"/o/{demo.School}/pupils"));
        var governor = await app.SignedInAsync(DemoTrust.Governor);
        Assert.Equal(HttpStatusCode.OK, await FinalStatusAsync(governor, $"/o/{demo.School}/pupils"));
        Assert.Equal(HttpStatusCode.Forbidden, await FinalStatusAsync(governor, $"/o/{demo.School}/pupils/{pupil.Id}"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "Viewed" && a.EntityId == pupil.Id.ToString(), Ct));
    }

    /// <summary>The status a browser ends on: a refusal is a redirect to the 403 page.</summary>
    internal static async Task<HttpStatusCode> FinalStatusAsync(TestClient client, string url)
    {
        var response = await client.GetAsync(url);
        for (var hops = 0; hops < 3 && response.StatusCode == HttpStatusCode.Redirect; hops++)
            response = await client.GetAsync(response.Headers.Location!.OriginalString);
        return response.StatusCode;
    }
}
