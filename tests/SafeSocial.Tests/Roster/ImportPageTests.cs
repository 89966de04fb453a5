using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Roster;

/// <summary>The import journey in the application: upload, preview, apply, as the school business manager.</summary>
public class ImportPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Manager = "school-business-manager@demo.safesocial.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Org Trust, Org First, Org Second)> OrganisationsAsync()
    {
        await using var db = app.Db.System();
        var orgs = await db.Organisations.ToListAsync(Ct);
        return (orgs.Single(o => o.Kind == OrganisationKind.Trust), orgs.Single(o => o.Name == "Alder Brook Primary School"), orgs.Single(o => o.Name == "St Hilda's CE Primary School"));
    }

    /// <summary>The first demo school's roster as its MIS would export it, changed by <paramref name="change"/>, zipped.</summary>
    private async Task<byte[]> ExportAsync(Action<List<Pupil>, List<PupilParent>>? change = null, Action<string>? spoil = null)
    {
        var (trust, school, _) = await OrganisationsAsync();
        await using var db = app.Db.System();
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == school.Id).ToListAsync(Ct);
        var links = await db.PupilParents.AsNoTracking().Where(l => l.OrganisationId == school.Id).ToListAsync(Ct);
        change?.Invoke(pupils, links);
        var export = new OneRosterExport(trust, [school],
            await db.SchoolClasses.AsNoTracking().Where(c => c.OrganisationId == school.Id).ToListAsync(Ct), pupils,
            await db.Parents.AsNoTracking().Where(p => p.OrganisationId == school.Id).ToListAsync(Ct), links,
            await db.StaffMembers.AsNoTracking().Where(s => s.OrganisationId == school.Id && s.SourcedId != null).ToListAsync(Ct));
        var folder = RosterFixtures.TempFolder();
        OneRosterWriter.Write(folder, export);
        spoil?.Invoke(folder);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var f in Directory.GetFiles(folder)) archive.CreateEntryFromFile(f, Path.GetFileName(f));
        return zip.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(TestClient client, Guid orgId, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/csv");
            form.Add(part, "Files", name);
        }
        return await client.PostMultipartAsync($"/o/{orgId}/import", form);
    }

    /// <summary>Follows the progress page, as its refresh would, until the work is done and it sends the person on.</summary>
    private static async Task<string> WaitAsync(TestClient client, string url)
    {
        for (var i = 0; i < 600; i++)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.Redirect) return response.Headers.Location!.OriginalString;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await TestClient.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("progress#import-progress"));
            Assert.NotNull(page.QuerySelector("main script[src^='/js/auto-refresh.js']"));
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"{url} did not finish");
    }

    private static string Cell(IHtmlDocument page, string row, int column) =>
        page.QuerySelector($"#count-{row}")!.QuerySelectorAll("td")[column].TextContent.Trim();

    [Fact]
    public async Task Manager_UploadsPreviewsAndApplies_AndTheRosterChanges()
    {
        var (_, school, _) = await OrganisationsAsync();
        string? leaver = null, renamed = null;
        var zip = await ExportAsync((pupils, links) =>
        {
            var gone = pupils[0];
            leaver = gone.SourcedId;
            pupils.Remove(gone);
            links.RemoveAll(l => l.PupilId == gone.Id);
            pupils[0].LegalLastName = "Okonkwo-Smith";
            renamed = pupils[0].SourcedId;
            pupils.Add(new Pupil
            {
                Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = "Zainab", LegalLastName = "Quayle", YearGroup = "2",
                DateOfBirth = new DateOnly(2019, 4, 2), SourcedId = "pupil-new-1", ClassId = pupils[0].ClassId,
            });
        });
        var client = await app.SignedInAsync(Manager);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/o/{school.Id}/import")).StatusCode);

        var uploaded = await UploadAsync(client, school.Id, ("roster export.zip", zip));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewUrl = await WaitAsync(client, uploaded.Headers.Location!.OriginalString);
        Assert.EndsWith("/preview", previewUrl, StringComparison.Ordinal);

        var preview = await client.GetPageAsync(previewUrl);
        Assert.Equal("Check the import before you apply it", preview.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(("1", "1", "1"), (Cell(preview, "Pupils", 0), Cell(preview, "Pupils", 1), Cell(preview, "Pupils", 2)));
        Assert.Equal(("0", "0", "0"), (Cell(preview, "Staff", 0), Cell(preview, "Staff", 1), Cell(preview, "Staff", 2)));
        Assert.Contains("Full export (bulk)", preview.QuerySelector("#import-type")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Okonkwo-Smith", preview.QuerySelector("#changes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(leaver!, preview.QuerySelector("#leavers")!.TextContent, StringComparison.Ordinal);

        var unconfirmed = await client.PostFormAsync(previewUrl, [], $"{previewUrl}?handler=Apply");
        var again = await TestClient.ParseAsync(unconfirmed);
        Assert.Contains("Confirm that the 1 person listed as leaving have left the school", again.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        var applied = await client.PostFormAsync(previewUrl, [new("ConfirmLeavers", "true")], $"{previewUrl}?handler=Apply");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var doneUrl = await WaitAsync(client, applied.Headers.Location!.OriginalString);
        var done = await client.GetPageAsync(doneUrl);
        Assert.Equal("Import complete", done.QuerySelector("h1")!.TextContent.Trim());

        await using var db = app.Db.System();
        var now = await db.Pupils.Where(p => p.OrganisationId == school.Id).ToListAsync(Ct);
        Assert.NotNull(now.Single(p => p.SourcedId == leaver).LeavingDate);
        Assert.Equal("Okonkwo-Smith", now.Single(p => p.SourcedId == renamed).LegalLastName);
        Assert.Equal("Zainab", now.Single(p => p.SourcedId == "pupil-new-1").LegalFirstName);
        var trail = await db.AuditEntries.Where(a => a.OrganisationId == school.Id && a.Reason == "Roster import roster export.zip").ToListAsync(Ct);
        Assert.Equal(3, trail.Count);
        Assert.All(trail, a => Assert.NotNull(a.ActorUserId));
        var uploadId = doneUrl.Split('/')[^2];
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "imports", uploadId, "result.json")));
        Assert.False(Directory.Exists(Path.Combine(app.DataFolder, "imports", uploadId, "files")));
    }

    [Fact]
    public async Task FilesWithProblems_ShowEveryProblemWithItsPlace_AndCannotBeApplied()
    {
        var (_, school, _) = await OrganisationsAsync();
        var zip = await ExportAsync(spoil: folder => RosterFixtures.Edit(folder, "users.csv",
            t => t.Replace(",givenName,", ",givenNmae,", StringComparison.Ordinal)));
        var client = await app.SignedInAsync(Manager);

        var previewUrl = await WaitAsync(client, (await UploadAsync(client, school.Id, ("export.zip", zip))).Headers.Location!.OriginalString);
        var preview = await client.GetPageAsync(previewUrl);

        Assert.Equal("Fix the problems with the files", preview.QuerySelector("h1")!.TextContent.Trim());
        var cells = preview.QuerySelectorAll("#errors tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("users.csv", cells[0]);
        Assert.Equal("1", cells[1]);
        Assert.Equal("I (givenNmae)", cells[2]);
        Assert.Contains("Rename the column to givenName", cells[3], StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("#apply"));

        var forced = await client.PostFormAsync(previewUrl, [new("ConfirmLeavers", "true")], $"{previewUrl}?handler=Apply");
        Assert.Equal(HttpStatusCode.Redirect, forced.StatusCode);
        Assert.EndsWith("/preview", forced.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Select the roster files: one zip file, or the CSV files your MIS exported")]
    [InlineData("roster.xlsx", "roster.xlsx must be a ZIP or CSV file")]
    [InlineData("users.csv+export.zip", "Select either one zip file or the CSV files, not both")]
    public async Task AnUnsuitableUpload_IsRefusedWithAMessage(string? names, string message)
    {
        var (_, school, _) = await OrganisationsAsync();
        var client = await app.SignedInAsync(Manager);

        var response = await UploadAsync(client, school.Id, (names ?? "").Split('+', StringSplitOptions.RemoveEmptyEntries).Select(n => (n, "x"u8.ToArray())).ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal(message, page.QuerySelector(".govuk-error-summary li a")!.TextContent);
        Assert.Equal("#Files", page.QuerySelector(".govuk-error-summary li a")!.GetAttribute("href"));
        Assert.Contains(message, page.QuerySelector("#Files-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATeacher_CannotImport()
    {
        var (_, school, _) = await OrganisationsAsync();
        var client = await app.SignedInAsync("teacher@demo.safesocial.test");

        var response = await client.GetAsync($"/o/{school.Id}/import");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("403", StringComparison.Ordinal)),
            $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task AnotherSchoolsImport_IsNotFound()
    {
        var (_, first, second) = await OrganisationsAsync();
        var manager = await app.SignedInAsync(Manager);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/o/{second.Id}/import")).StatusCode);

        var upload = await UploadAsync(manager, first.Id, ("export.zip", await ExportAsync()));
        var progressUrl = upload.Headers.Location!.OriginalString;
        var uploadId = progressUrl.Split('/')[^1];
        await WaitAsync(manager, progressUrl);

        var otherHead = await app.SignedInAsync("headteacher.second-school@demo.safesocial.test");
        foreach (var page in new[] { "", "/preview", "/done" })
            Assert.Equal(HttpStatusCode.NotFound, (await otherHead.GetAsync($"/o/{second.Id}/import/{uploadId}{page}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/o/{first.Id}/import/..%2F..%2Fetc")).StatusCode);
    }

    [Fact]
    public async Task AtTheTrust_ThePageListsTheSchoolsToImportInto()
    {
        var (trust, first, second) = await OrganisationsAsync();
        var client = await app.SignedInAsync("it-strategic-lead@demo.safesocial.test");

        var page = await client.GetPageAsync($"/o/{trust.Id}/import");

        Assert.Equal([$"/o/{first.Id}/import", $"/o/{second.Id}/import"],
            page.QuerySelectorAll("#schools a").Select(a => a.GetAttribute("href")!).Order(StringComparer.Ordinal).ToArray()
                .OrderBy(h => h == $"/o/{first.Id}/import" ? 0 : 1));
    }

    [Fact]
    public async Task ASchoolWithoutARosterId_IsAskedWhichOrganisationInTheFilesItIs()
    {
        var (_, _, second) = await OrganisationsAsync();
        await using (var db = app.Db.System())
            await db.Organisations.Where(o => o.Id == second.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.SourcedId, (string?)null), Ct);
        try
        {
            var files = Directory.GetFiles(RosterFixtures.Path("sds-2.1")).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToArray();
            var head = await app.SignedInAsync("headteacher.second-school@demo.safesocial.test");

            var previewUrl = await WaitAsync(head, (await UploadAsync(head, second.Id, files)).Headers.Location!.OriginalString);
            var choice = await head.GetPageAsync(previewUrl);
            Assert.Equal("Which school in these files is St Hilda's CE Primary School?", choice.QuerySelector("legend")!.TextContent.Trim());
            Assert.Equal(["2002", "2003"], choice.QuerySelectorAll("input[name=SchoolSourcedId]").Select(i => i.GetAttribute("value")));

            var none = await TestClient.ParseAsync(await head.PostFormAsync(previewUrl, [], $"{previewUrl}?handler=School"));
            Assert.Equal("Select which school in the files is St Hilda's CE Primary School", none.QuerySelector(".govuk-error-summary li a")!.TextContent);
            Assert.Equal("#SchoolSourcedId", none.QuerySelector(".govuk-error-summary li a")!.GetAttribute("href"));

            var chosen = await head.PostFormAsync(previewUrl, [new("SchoolSourcedId", "2002")], $"{previewUrl}?handler=School");
            var preview = await head.GetPageAsync(await WaitAsync(head, chosen.Headers.Location!.OriginalString));
            // A full import of Brookside's two pupils would make St Hilda's whole roster leave, the headteacher too: refused.
            Assert.Contains("you would lose access", preview.QuerySelector("#errors")!.TextContent, StringComparison.Ordinal);
            await using var check = app.Db.System();
            Assert.Null((await check.Organisations.SingleAsync(o => o.Id == second.Id, Ct)).SourcedId); // saved only with an applied import
        }
        finally
        {
            await using var db = app.Db.System();
            await db.Organisations.Where(o => o.Id == second.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.SourcedId, "school-2"), Ct);
        }
    }

    [Fact]
    public async Task AnExportWithANewRosterIdForTheSchool_IsChosen_Previewed_AndConfirmed()
    {
        var (_, school, _) = await OrganisationsAsync();
        var oldId = school.SourcedId!;
        var zip = await ExportAsync(spoil: folder =>
        {
            foreach (var f in Directory.GetFiles(folder))
                File.WriteAllText(f, Regex.Replace(File.ReadAllText(f), $@"\b{Regex.Escape(oldId)}\b", "new-mis-1"));
        });
        var client = await app.SignedInAsync(Manager);
        try
        {
            var previewUrl = await WaitAsync(client, (await UploadAsync(client, school.Id, ("new mis.zip", zip))).Headers.Location!.OriginalString);
            var choice = await client.GetPageAsync(previewUrl);
            Assert.Equal("Which school in the files is yours?", choice.QuerySelector("h1")!.TextContent.Trim());
            Assert.Contains($"(\"{oldId}\")", choice.QuerySelector("#school-not-in-files")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(["new-mis-1"], choice.QuerySelectorAll("input[name=SchoolSourcedId]").Select(i => i.GetAttribute("value")));

            var chosen = await client.PostFormAsync(previewUrl, [new("SchoolSourcedId", "new-mis-1")], $"{previewUrl}?handler=School");
            var preview = await client.GetPageAsync(await WaitAsync(client, chosen.Headers.Location!.OriginalString));
            Assert.Equal("Check the import before you apply it", preview.QuerySelector("h1")!.TextContent.Trim());
            Assert.Contains($"Replaces the roster id \"{oldId}\"", preview.QuerySelector("#school-in-files")!.TextContent, StringComparison.Ordinal);

            var unconfirmed = await TestClient.ParseAsync(await client.PostFormAsync(previewUrl, [], $"{previewUrl}?handler=Apply"));
            Assert.Equal("Confirm that Alder Brook Primary School is Alder Brook Primary School (roster id new-mis-1) in these files",
                unconfirmed.QuerySelector(".govuk-error-summary li a")!.TextContent);
            await using (var before = app.Db.System())
                Assert.Equal(oldId, (await before.Organisations.SingleAsync(o => o.Id == school.Id, Ct)).SourcedId);

            var applied = await client.PostFormAsync(previewUrl, [new("ConfirmSchool", "true")], $"{previewUrl}?handler=Apply");
            var done = await client.GetPageAsync(await WaitAsync(client, applied.Headers.Location!.OriginalString));
            Assert.Equal("Import complete", done.QuerySelector("h1")!.TextContent.Trim());
            await using var db = app.Db.System();
            Assert.Equal("new-mis-1", (await db.Organisations.SingleAsync(o => o.Id == school.Id, Ct)).SourcedId);
            var audit = await db.AuditEntries.SingleAsync(a => a.OrganisationId == school.Id && a.EntityType == "Organisation" && a.Action == "Modified" && a.Changes!.Contains("new-mis-1"), Ct);
            Assert.NotNull(audit.ActorUserId);
        }
        finally
        {
            await using var db = app.Db.System();
            await db.Organisations.Where(o => o.Id == school.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.SourcedId, oldId), Ct);
        }
    }
}
