using System.IO.Compression;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>OneRoster 1.2 (roles in roles.csv, preferred names) and School Data Sync v2.1 (roles.csv and relationships.csv).</summary>
public class OtherFormatTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneRoster12_ReadsRolesPreferredNamesAndATeacherWhoIsAlsoAParent()
    {
        var school = await RosterSchool.CreateAsync(server, "org-fern", "Fernhill Primary School");

        var result = await school.ApplyCleanAsync(RosterFixtures.Path("oneroster-1.2"));

        Assert.Equal(RosterFormat.OneRoster12, result.Preview.Format);
        Assert.Contains("Dates with slashes, such as \"1/09/2026\", were read as day/month/year (1 September 2026), as UK systems write them.", result.Preview.Notes);
        var pupils = (await school.PupilsAsync()).ToDictionary(p => p.SourcedId!);
        var sophia = pupils["fern-u-11"];
        Assert.Equal(("Sophia", "Sophie", "Sophie Ward", "1", "Year 1 Hazel", new DateOnly(2020, 2, 29)),
            (sophia.LegalFirstName, sophia.PreferredFirstName, sophia.KnownAs, sophia.YearGroup, sophia.Class!.Name, sophia.DateOfBirth!.Value));
        Assert.Contains("sophie", sophia.SearchName, StringComparison.Ordinal);
        Assert.Equal(["Guardian Rachel", "Parent Natalie"], sophia.Parents.Select(l => $"{l.Relationship} {l.Parent!.FirstName}").Order(StringComparer.Ordinal));
        Assert.Equal(("Ward-Hughes", "R"), (pupils["fern-u-13"].PreferredLastName, pupils["fern-u-13"].YearGroup));
        Assert.Equal("Guardian", pupils["fern-u-12"].Parents.Single().Relationship);

        var staff = (await school.StaffAsync()).ToDictionary(s => s.SourcedId!);
        Assert.Equal(("Teacher", new DateOnly(2019, 9, 2)), (staff["fern-u-01"].JobTitle, staff["fern-u-01"].StartDate!.Value));
        Assert.Equal("Teaching assistant", staff["fern-u-02"].JobTitle);
        Assert.Contains(await school.ParentsAsync(), p => p.SourcedId == "fern-u-01"); // Rachel is staff and, for Sophia, a guardian

        Assert.Equal(0, (await school.ApplyCleanAsync(RosterFixtures.Path("oneroster-1.2"))).Preview.TotalChanges);
    }

    [Fact]
    public async Task OneRoster12_WithRolesInUserProfilesCsv_IsReadAsRoles()
    {
        var folder = RosterFixtures.Copy("oneroster-1.2");
        File.Move(Path.Combine(folder, "roles.csv"), Path.Combine(folder, "userProfiles.csv"));
        RosterFixtures.Edit(folder, "userProfiles.csv", t => t.Replace("dateLastModified", "dataLastModified", StringComparison.Ordinal));
        RosterFixtures.Edit(folder, "manifest.csv", t => t.Replace("file.roles,bulk", "file.roles,absent", StringComparison.Ordinal).Replace("file.userProfiles,", "file.userProfiles,bulk", StringComparison.Ordinal));
        var school = await RosterSchool.CreateAsync(server, "org-fern", "Fernhill Primary School");

        var result = await school.ApplyCleanAsync(folder);

        Assert.Contains("userProfiles.csv holds role rows (it has role and orgSourcedId columns), so it was read as roles.csv.", result.Preview.Notes);
        Assert.Contains(result.Preview.Problems, p => p is { Severity: ProblemSeverity.Warning, File: "userProfiles.csv", Column: "dataLastModified" });
        Assert.Equal(3, (await school.PupilsAsync()).Count);
    }

    [Fact]
    public async Task OneRoster12_AMisspeltPreferredNameColumn_IsAnError()
    {
        var folder = RosterFixtures.Copy("oneroster-1.2");
        RosterFixtures.Edit(folder, "users.csv", t => t.Replace("preferredGivenName", "prefferedGivenName", StringComparison.Ordinal));
        var school = await RosterSchool.CreateAsync(server, "org-fern", "Fernhill Primary School");

        var preview = await school.PreviewAsync(folder);

        var error = Assert.Single(preview.Problems);
        Assert.Equal(("users.csv", (int?)1, "S (prefferedGivenName)"), (error.File, error.Line, error.ColumnDisplay));
        Assert.Contains("misspelling of \"preferredGivenName\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchoolDataSync_AsksWhichOrganisationIsTheSchool_ThenImportsItsPart_AndSavesTheChoice()
    {
        var school = await RosterSchool.CreateAsync(server, sourcedId: null, "Brookside Primary School");
        var sds = RosterFixtures.Path("sds-2.1");

        var first = await school.PreviewAsync(sds);

        Assert.Equal(RosterFormat.SchoolDataSync21, first.Format);
        Assert.True(first.NeedsSchoolChoice);
        Assert.Equal(["2002 Brookside Primary School", "2003 Millbrook Primary School"], first.SchoolChoices.Select(c => $"{c.SourcedId} {c.Name}"));
        Assert.Equal(RosterImportOutcome.NeedsSchool, (await school.ApplyAsync(sds)).Outcome);

        var result = await school.ApplyCleanAsync(sds, new RosterImportOptions(SchoolSourcedId: "2002"));

        Assert.True(result.Preview.SchoolSourcedIdIsNew);
        Assert.Contains(result.Preview.Notes, n => n.StartsWith("Dates with slashes were read as month/day/year (American order), because \"10/26/2021\" in demographics.csv line 3", StringComparison.Ordinal));
        Assert.Contains("1 relationship that is not a parent or carer (such as an emergency contact) was not imported.", result.Preview.Notes);
        Assert.Contains(result.Preview.Notes, n => n.StartsWith("1 pupil or member of staff in the files belongs to other organisations", StringComparison.Ordinal));
        var pupils = (await school.PupilsAsync()).ToDictionary(p => p.SourcedId!);
        Assert.Equal(["3001", "3002"], pupils.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("4", "Year 4 Kingfisher", new DateOnly(2017, 3, 7)), (pupils["3001"].YearGroup, pupils["3001"].Class!.Name, pupils["3001"].DateOfBirth!.Value));
        Assert.Equal(("Guardian", true), pupils["3001"].Parents.Select(l => (l.Relationship, l.HasParentalResponsibility)).Single());
        Assert.Equal(("R", new DateOnly(2021, 10, 26)), (pupils["3002"].YearGroup, pupils["3002"].DateOfBirth!.Value));
        Assert.Equal(["Parent Sean True", "Relative Maureen False"],
            pupils["3002"].Parents.Select(l => $"{l.Relationship} {l.Parent!.FirstName} {l.HasParentalResponsibility}").Order(StringComparer.Ordinal));
        Assert.Equal(("+447700900320", "priya.ahmed@example.com"), (await school.ParentsAsync()).Where(p => p.SourcedId == "3020").Select(p => (p.Phone, p.Email)).Single());
        Assert.Equal(("Teacher", new DateOnly(2019, 9, 2)), (await school.StaffAsync()).Select(s => (s.JobTitle, s.StartDate!.Value)).Single());

        await using (var ctx = school.Db.System())
            Assert.Equal("2002", (await ctx.Organisations.FindAsync([school.School.Id], Ct))!.SourcedId);
        var again = await school.ApplyCleanAsync(sds);
        Assert.Equal(0, again.Preview.TotalChanges);
        Assert.False(again.Preview.SchoolSourcedIdIsNew);
    }

    [Fact]
    public async Task SchoolDataSync_ARelationshipToAnUnknownPupil_IsAnError()
    {
        var folder = RosterFixtures.Copy("sds-2.1");
        RosterFixtures.Edit(folder, "relationships.csv", t => t.Replace("3002,3021,parent", "3999,3021,parent", StringComparison.Ordinal));
        var school = await RosterSchool.CreateAsync(server, "2002", "Brookside Primary School");

        var error = Assert.Single((await school.PreviewAsync(folder)).Problems, p => p.Severity == ProblemSeverity.Error);

        Assert.Equal(("relationships.csv", (int?)3, "A (userSourcedId)"), (error.File, error.Line, error.ColumnDisplay));
        Assert.StartsWith("\"3999\" is not a pupil in users.csv and roles.csv.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchoolDataSync_WithoutRolesCsv_SaysSo()
    {
        var folder = RosterFixtures.Copy("sds-2.1");
        File.Delete(Path.Combine(folder, "roles.csv"));
        var school = await RosterSchool.CreateAsync(server, "2002", "Brookside Primary School");

        var error = Assert.Single((await school.PreviewAsync(folder)).Problems, p => p.Severity == ProblemSeverity.Error);

        Assert.Equal("The upload has no roles.csv. A School Data Sync export has orgs.csv, users.csv and roles.csv at least; add roles.csv from the same export.", error.Message);
    }

    [Fact]
    public async Task AZipOfTheFiles_InAFolderInsideTheZip_IsReadLikeTheFolder()
    {
        var zip = Path.Combine(RosterFixtures.TempFolder(), "export.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            foreach (var f in Directory.GetFiles(RosterFixtures.Path("oneroster-1.1")))
                archive.CreateEntryFromFile(f, "Larkrise export/" + Path.GetFileName(f));
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var result = await school.ApplyCleanAsync(zip);

        Assert.Equal("export.zip", result.Preview.Files);
        Assert.Equal(4, (await school.PupilsAsync()).Count);
    }
}
