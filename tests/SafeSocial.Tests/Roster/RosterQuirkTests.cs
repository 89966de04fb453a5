using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>The awkward things real exports do, each found with its file, line and column and a message saying what to fix.</summary>
public class RosterQuirkTests(PostgresServer server)
{
    private async Task<RosterPreview> PreviewEditedAsync(string file, Func<string, string> edit, string fixture = "oneroster-1.1", string sid = "org-sch-lark")
    {
        var folder = RosterFixtures.Copy(fixture);
        RosterFixtures.Edit(folder, file, edit);
        var school = await RosterSchool.CreateAsync(server, sid);
        return await school.PreviewAsync(folder);
    }

    private static RosterProblem Error(RosterPreview p)
    {
        Assert.True(p.ErrorCount == 1, RosterSchool.Describe(p));
        return p.Problems.Single(x => x.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public async Task AMissingRequiredFile_IsNamed()
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        File.Delete(Path.Combine(folder, "users.csv"));
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var preview = await school.PreviewAsync(folder);

        var error = Error(preview);
        Assert.Equal(("users.csv", (int?)null), (error.File, error.Line));
        Assert.Contains("The upload has no users.csv", error.Message, StringComparison.Ordinal);
        Assert.False(preview.CanApply);
    }

    [Fact]
    public async Task AFileTheManifestPromises_ButIsMissing_IsAnError()
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        File.Delete(Path.Combine(folder, "enrollments.csv"));
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var error = Error(await school.PreviewAsync(folder));

        Assert.Equal("enrollments.csv", error.File);
        Assert.Contains("file.enrollments is bulk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMisspeltColumn_IsPointedAt_WithTheNameItShouldHave()
    {
        var preview = await PreviewEditedAsync("users.csv", t => t.Replace(",givenName,", ",givenNmae,", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("users.csv", (int?)1, "givenNmae", "I (givenNmae)"), (error.File, error.Line, error.Column, error.ColumnDisplay));
        Assert.Equal("Column \"givenNmae\" looks like a misspelling of \"givenName\". Rename the column to givenName so SafeSocial can read it.", error.Message);
    }

    [Fact]
    public async Task AMisspeltColumnSafeSocialDoesNotUse_IsOnlyAWarning()
    {
        var preview = await PreviewEditedAsync("users.csv", t => t.Replace(",dateLastModified,", ",dataLastModified,", StringComparison.Ordinal));

        Assert.Equal(0, preview.ErrorCount);
        Assert.Contains(preview.Problems, p => p is { Severity: ProblemSeverity.Warning, Column: "dataLastModified" } && p.Message.Contains("does not use dateLastModified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWrongHeader_SaysTheFileIsNotWhatItShouldBe()
    {
        var preview = await PreviewEditedAsync("classes.csv", _ => "Class,Teacher,Room\nOak,Mrs Patel,4\n");

        var error = Error(preview);
        Assert.Equal(("classes.csv", (int?)1), (error.File, error.Line));
        Assert.StartsWith("The first line of classes.csv should name its columns (sourcedId, title, schoolSourcedId", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Class,Teacher,Room\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequiredColumnMissing_IsNamed()
    {
        var preview = await PreviewEditedAsync("enrollments.csv", t => t.Replace(",userSourcedId,", ",person,", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("enrollments.csv", (int?)1, "userSourcedId"), (error.File, error.Line, error.Column));
        Assert.Contains("has no \"userSourcedId\" column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlankStatus_InADeltaFile_IsAnError()
    {
        var preview = await PreviewEditedAsync("manifest.csv", t => t.Replace("file.users,bulk", "file.users,delta", StringComparison.Ordinal));

        Assert.Equal(RosterMode.Delta, preview.Mode);
        Assert.All(preview.Problems.Where(p => p.Severity == ProblemSeverity.Error), p =>
            Assert.Equal(("users.csv", "status", "Status is blank. In a delta file every line must say active or tobedeleted."), (p.File, p.Column, p.Message)));
        Assert.Equal([4, 5, 7, 10], preview.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Line!.Value));
    }

    [Theory]
    [InlineData("31/31/2018", "\"31/31/2018\" is not a real date.")]
    [InlineData("1/5/18", "\"1/5/18\" has a two-digit year. Write the year in full")]
    [InlineData("next Tuesday", "\"next Tuesday\" is not a date SafeSocial can read. Write dates as YYYY-MM-DD (2023-05-01), or as day, month and year separated by slashes, dots or dashes (01/05/2023, 01.05.2023 or 01-05-2023).")]
    [InlineData("5/24/2018", "\"5/24/2018\" is month/day/year, but other dates in these files are day/month/year (such as \"15/06/2023\" in users.csv line 8)")]
    public async Task ADateThatCannotBeRead_IsAnError(string date, string message)
    {
        var preview = await PreviewEditedAsync("demographics.csv", t => t.Replace("2018-03-14", date, StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("demographics.csv", (int?)2, "birthDate", "D (birthDate)"), (error.File, error.Line, error.Column, error.ColumnDisplay));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatesThatCouldBeEitherWay_AreReadDayFirst_AndTheImportSaysSo()
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "users.csv", t => t.Replace("15/06/2023", "2023-06-15", StringComparison.Ordinal));
        RosterFixtures.Edit(folder, "demographics.csv", t => t.Replace("22/11/2021", "2021-11-22", StringComparison.Ordinal));
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var result = await school.ApplyCleanAsync(folder);

        Assert.Contains("Dates with slashes, such as \"1/05/2023\", were read as day/month/year (1 May 2023), as UK systems write them.", result.Preview.Notes);
        Assert.Equal(new DateOnly(2018, 5, 1), (await school.PupilsAsync()).Single(p => p.SourcedId == "usr-lark-s-102").DateOfBirth);
    }

    [Fact]
    public async Task AGuardianPointingAtAnUnknownPupil_IsAnErrorOnTheGuardiansLine()
    {
        var preview = await PreviewEditedAsync("users.csv", t => t.Replace("07700900103,usr-lark-s-102,", "07700900103,usr-lark-s-999,", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("users.csv", (int?)11, "agentSourcedIds", "P (agentSourcedIds)"), (error.File, error.Line, error.Column, error.ColumnDisplay));
        Assert.Equal("This parent points at \"usr-lark-s-999\" in agentSourcedIds, but no pupil in users.csv has that sourcedId. Check the pupil's sourcedId, or add the pupil to users.csv.", error.Message);
    }

    [Fact]
    public async Task ADuplicateSourcedId_IsAnErrorOnTheSecondLine()
    {
        var preview = await PreviewEditedAsync("users.csv", t => t.Replace("usr-lark-p-203,active", "usr-lark-p-201,active,2026-09-01,TRUE,org-sch-lark,parent,,,Claire,Hart,,,,,,usr-lark-s-101,,\nusr-lark-p-203,active", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("users.csv", (int?)11, "sourcedId"), (error.File, error.Line, error.Column));
        Assert.Equal("sourcedId \"usr-lark-p-201\" is also on line 9. Every person needs its own sourcedId; remove the repeated line.", error.Message);
    }

    [Fact]
    public async Task AnUnknownRole_IsAnError_WithTheRoleItProbablyMeant()
    {
        var preview = await PreviewEditedAsync("users.csv", t => t.Replace(",teacher,h.patel", ",techer,h.patel", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("users.csv", (int?)2, "role"), (error.File, error.Line, error.Column));
        Assert.Equal("\"techer\" is not a role SafeSocial knows. Did you mean \"teacher\"?", error.Message);
    }

    [Fact]
    public async Task AnUnknownGrade_ForAPupil_IsAnError()
    {
        var preview = await PreviewEditedAsync("users.csv", t => t.Replace(",usr-lark-p-203,03,", ",usr-lark-p-203,ps1,", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("users.csv", (int?)6, "grades"), (error.File, error.Line, error.Column));
        Assert.StartsWith("\"ps1\" is not a school year. Use KG for Reception, 01 to 13", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LdapStyleIds_AreOpaqueSourcedIds()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        await school.ApplyCleanAsync(RosterFixtures.Path("oneroster-1.1"));

        var noah = (await school.PupilsAsync()).Single(p => p.SourcedId == "{LDAP:77}");
        Assert.Equal("Joan", noah.Parents.Single().Parent!.FirstName);
        Assert.Equal("Reception Willow", noah.Class!.Name);
    }

    [Fact]
    public async Task AQuoteThatNeverCloses_IsAnErrorOnItsLine()
    {
        var preview = await PreviewEditedAsync("demographics.csv", t => t.Replace(",Ipswich,", ",\"Ipswich,", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("demographics.csv", (int?)4), (error.File, error.Line));
        Assert.StartsWith("A quote mark (\") opens a value that never closes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStrayQuoteThatSwallowsTheNextLines_IsAnErrorOnItsLine()
    {
        var preview = await PreviewEditedAsync("classes.csv", t => t.Replace("Year 3 Oak", "\"Year 3\" Oak", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("classes.csv", (int?)2), (error.File, error.Line));
        Assert.StartsWith("A quote mark (\") on this line is not where CSV expects one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnquotedComma_ShiftingTheColumns_IsAnError()
    {
        var preview = await PreviewEditedAsync("users.csv", t => t.Replace(",Amelia,Hart,", ",Amelia,Hart, Jnr,", StringComparison.Ordinal));

        var error = Error(preview);
        Assert.Equal(("users.csv", (int?)5), (error.File, error.Line));
        Assert.StartsWith("Line 5 has more values than there are columns. A value with a comma in it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryProblemIsCollected_NotJustTheFirst()
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "users.csv", t => t.Replace(",teacher,h.patel", ",techer,h.patel", StringComparison.Ordinal)
            .Replace("usr-lark-p-203,active", "usr-lark-p-201,active,,TRUE,org-sch-lark,parent,,,Claire,Hart,,,,,,usr-lark-s-101,,\nusr-lark-p-203,active", StringComparison.Ordinal));
        RosterFixtures.Edit(folder, "demographics.csv", t => t.Replace("2018-03-14", "31/31/2018", StringComparison.Ordinal));
        RosterFixtures.Edit(folder, "classes.csv", t => t.Replace(",title,", ",titel,", StringComparison.Ordinal));
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var preview = await school.PreviewAsync(folder);

        Assert.Equal(["classes.csv:1", "demographics.csv:2", "users.csv:11", "users.csv:2"],
            preview.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => $"{p.File}:{p.Line}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASchoolMissingFromTheFiles_IsAskedWhichSchoolItIs_AmongTheSchoolsThatAreThere()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-elsewhere");

        var preview = await school.PreviewAsync(RosterFixtures.Path("oneroster-1.1"));

        Assert.Equal((0, true, "org-sch-elsewhere"), (preview.ErrorCount, preview.NeedsSchoolChoice, preview.SchoolNotInFiles));
        Assert.Equal(["Kingsmead Primary School", "Larkrise Primary School"], preview.SchoolChoices.Select(c => c.Name)); // not the trust, nor the department
    }

    [Fact]
    public async Task SemicolonSeparatedFiles_AreNamedAsSuch()
    {
        var preview = await PreviewEditedAsync("classes.csv", t => t.Replace(',', ';'));

        var error = Error(preview);
        Assert.Equal("classes.csv separates its values with semicolons, not commas. Save it as \"CSV (comma delimited)\" or \"CSV UTF-8\" and upload it again.", error.Message);
    }

    [Fact]
    public async Task FileNamesInCapitals_AreRead()
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        File.Move(Path.Combine(folder, "users.csv"), Path.Combine(folder, "Users.CSV"));
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var preview = await school.PreviewAsync(folder);

        Assert.Equal(0, preview.ErrorCount);
        Assert.Equal(4, preview.CountOf(RosterRecordKind.Pupils)!.Added);
    }
}
