using SafeSocial.Core.People;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>
/// The School Data Sync formats UK schools export besides v2.1: the classic CSV format (School.csv, Student.csv…),
/// its UK variant (ID and DfE Number columns) and v2 (roles in users.csv). The fixtures are our own, in their shape.
/// </summary>
public class SchoolDataSyncFormatTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Classic_ImportsTheSchoolsPupilsTeachersAndSections()
    {
        var school = await RosterSchool.CreateAsync(server, "5101", "Ashgrove Academy");

        var result = await school.ApplyCleanAsync(RosterFixtures.Path("sds-classic"));

        Assert.Equal(RosterFormat.SchoolDataSyncClassic, result.Preview.Format);
        var pupils = (await school.PupilsAsync()).ToDictionary(p => p.SourcedId!);
        Assert.Equal(["7101", "7102"], pupils.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("Amara", "Okafor", "7", new DateOnly(2014, 3, 14)), (pupils["7101"].LegalFirstName, pupils["7101"].LegalLastName, pupils["7101"].YearGroup, pupils["7101"].DateOfBirth!.Value));
        Assert.Equal(new DateOnly(2014, 9, 2), pupils["7102"].DateOfBirth);
        Assert.Equal(["Hannah Moss Teacher", "Tom Baker Teacher"], (await school.StaffAsync()).Select(s => $"{s.FullName} {s.JobTitle}").Order(StringComparer.Ordinal));
        Assert.Equal("Maths", pupils["7102"].Class!.Name);
        Assert.Equal(0, (await school.ApplyCleanAsync(RosterFixtures.Path("sds-classic"))).Preview.TotalChanges);
    }

    [Fact]
    public async Task Classic_APupilInTwoSectionsKeepsTheirClass_AndThePreviewSaysSo()
    {
        var school = await RosterSchool.CreateAsync(server, "5101", "Ashgrove Academy");

        var result = await school.ApplyCleanAsync(RosterFixtures.Path("sds-classic"));

        Assert.Null((await school.PupilsAsync()).Single(p => p.SourcedId == "7101").ClassId);
        Assert.Contains(result.Preview.Notes, n => n.StartsWith("1 pupil is enrolled in more than one class, and none of them is marked as the registration (homeroom) class, so SafeSocial did not change their class: Amara Okafor (Maths (Hannah Moss, code 7M1), Form 7K)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Classic_ClassesWithOneName_AreToldApartByTeacherAndCode_InThePreviewAndTheClassFilter()
    {
        var school = await RosterSchool.CreateAsync(server, "5101", "Ashgrove Academy");

        var result = await school.ApplyCleanAsync(RosterFixtures.Path("sds-classic"));

        Assert.Equal(["Form 7K", "Maths (Hannah Moss, code 7M1)", "Maths (Tom Baker, code 7M2)"],
            result.Preview.Changes.Where(c => c.Kind == RosterRecordKind.Classes).Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Contains(result.Preview.Notes, n => n.StartsWith("Several classes share a name (\"Maths\").", StringComparison.Ordinal));
        await using var ctx = school.Db.LimitedTo(school.School.Id);
        var filter = await new PupilService(ctx, school.Db.Clock).ClassesAsync(school.School.Id, Ct);
        Assert.Equal(["Form 7K", "Maths (Hannah Moss, code 7M1)", "Maths (Tom Baker, code 7M2)"], filter.Select(c => c.Label).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ClassicUk_ReadsIdAndDfeNumberColumns_AndOffersOnlyTheSchools()
    {
        var school = await RosterSchool.CreateAsync(server, sourcedId: null, "Hawthorn Primary School");
        var uk = RosterFixtures.Path("sds-classic-uk");

        var first = await school.PreviewAsync(uk);
        Assert.Equal(RosterFormat.SchoolDataSyncClassicUk, first.Format);
        Assert.Equal(["3304012 Hawthorn Primary School", "3304013 Rowan Primary School"], first.SchoolChoices.Select(c => $"{c.SourcedId} {c.Name}"));

        await school.ApplyCleanAsync(uk, new RosterImportOptions("3304012"));

        var pupils = (await school.PupilsAsync()).ToDictionary(p => p.SourcedId!);
        Assert.Equal(("Zoë", "3", "Year 3 Willow", new DateOnly(2018, 11, 24)), (pupils["H1001"].LegalFirstName, pupils["H1001"].YearGroup, pupils["H1001"].Class!.Name, pupils["H1001"].DateOfBirth!.Value));
        Assert.Equal(("R", "Reception Oak", new DateOnly(2021, 4, 5)), (pupils["H1002"].YearGroup, pupils["H1002"].Class!.Name, pupils["H1002"].DateOfBirth!.Value));
        Assert.Equal("Megan Price", (await school.StaffAsync()).Single().FullName);
    }

    [Fact]
    public async Task Classic_WithoutNames_SaysWhichColumnsToAdd()
    {
        var folder = RosterFixtures.Copy("sds-classic-uk");
        RosterFixtures.Edit(folder, "Student.csv", t => t.Replace("First Name,Last Name", "Forename,Surname", StringComparison.Ordinal));
        var school = await RosterSchool.CreateAsync(server, "3304012", "Hawthorn Primary School");

        var errors = (await school.PreviewAsync(folder)).Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{p.File}:{p.Line} {p.Message}").ToList();

        Assert.Equal(["Student.csv:1 Student.csv has no \"First Name\" column. Add the column (the first line names the columns) or export the file again.",
            "Student.csv:1 Student.csv has no \"Last Name\" column. Add the column (the first line names the columns) or export the file again."], errors);
    }

    [Fact]
    public async Task SdsV2_ReadsRolesFromUsersCsv_NotAsOneRosterWithoutAManifest()
    {
        var school = await RosterSchool.CreateAsync(server, sourcedId: null, "Kingsley Primary School");
        var v2 = RosterFixtures.Path("sds-2");

        var first = await school.PreviewAsync(v2);
        Assert.Equal((RosterFormat.SchoolDataSync2, 0), (first.Format, first.ErrorCount));
        Assert.Equal(["9002", "9001"], first.SchoolChoices.Select(c => c.SourcedId)); // not the ministry

        await school.ApplyCleanAsync(v2, new RosterImportOptions("9001"));

        var pupils = (await school.PupilsAsync()).ToDictionary(p => p.SourcedId!);
        Assert.Equal(("3", "Year 3 Birch"), (pupils["9101"].YearGroup, pupils["9101"].Class!.Name));
        Assert.Equal(("R", "Reception Hazel"), (pupils["9102"].YearGroup, pupils["9102"].Class!.Name));
        Assert.Equal(["Clare Dunn Teacher", "Marcus Hale Teaching assistant"], (await school.StaffAsync()).Select(s => $"{s.FullName} {s.JobTitle}").Order(StringComparer.Ordinal));
    }
}
