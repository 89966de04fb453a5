using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>What an import keeps, how it reads dates, and the roles it doubts: said in the preview, never silently done.</summary>
public class RosterPreviewSaysTests(PostgresServer server)
{
    [Fact]
    public async Task ABlankEmailOrPhoneInALaterExport_KeepsWhatIsStored_AndThePreviewSaysSo()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        await school.ApplyCleanAsync(RosterFixtures.Path("oneroster-1.1"));
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "users.csv", t => t.Replace("claire.hart@example.com,07700900101,07700900101", ",,", StringComparison.Ordinal));

        var result = await school.ApplyCleanAsync(folder);

        Assert.Equal(0, result.Preview.TotalChanges);
        Assert.Contains("The files leave blank 2 contact details that SafeSocial has, so they were kept: Claire Hart's email address, Claire Hart's phone number. Change them in SafeSocial if they are no longer right.", result.Preview.Notes);
        var claire = (await school.ParentsAsync()).Single(p => p.SourcedId == "usr-lark-p-201");
        Assert.Equal(("claire.hart@example.com", "07700900101"), (claire.Email, claire.Phone));
    }

    [Fact]
    public async Task APupilEnrolledAsATeacher_IsImportedAsAPupil_WithAWarning()
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "enrollments.csv", t => t + "enr-lark-007,,,cls-lark-r-willow,org-sch-lark,usr-lark-s-101,teacher,true,,\n");
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var result = await school.ApplyCleanAsync(folder);

        var warning = Assert.Single(result.Preview.Problems, p => p.File == "enrollments.csv");
        Assert.Equal((ProblemSeverity.Warning, (int?)9, "F (userSourcedId)"), (warning.Severity, warning.Line, warning.ColumnDisplay));
        Assert.Equal("Amelia Hart (\"usr-lark-s-101\") is a pupil in users.csv, but a teacher in this enrolment. SafeSocial imports them as a pupil, not as this class's teacher. Correct the role in one of the files.", warning.Message);
        Assert.DoesNotContain(await school.StaffAsync(), s => s.SourcedId == "usr-lark-s-101");
    }

    [Theory]
    [InlineData("14.03.2018", 2018, 3, 14)]
    [InlineData("14-03-2018", 2018, 3, 14)]
    public async Task DatesWithDotsOrDashes_AreRead(string date, int year, int month, int day)
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "demographics.csv", t => t.Replace("2018-03-14", date, StringComparison.Ordinal));
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        await school.ApplyCleanAsync(folder);

        Assert.Equal(new DateOnly(year, month, day), (await school.PupilsAsync()).Single(p => p.SourcedId == "usr-lark-s-101").DateOfBirth);
    }

    [Fact]
    public async Task AYearDayMonthColumn_IsReadThatWayThroughout_EvenWhereADayIsTwelveOrLess()
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        // 2018-14-03 can only be year-day-month, so 2021-07-11 in the same column is 7 November, not 11 July.
        RosterFixtures.Edit(folder, "demographics.csv", t => t.Replace("2018-03-14", "2018-14-03", StringComparison.Ordinal).Replace("2021-07-30", "2021-07-11", StringComparison.Ordinal));
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var result = await school.ApplyCleanAsync(folder);

        var pupils = (await school.PupilsAsync()).ToDictionary(p => p.SourcedId!);
        Assert.Equal((new DateOnly(2018, 3, 14), new DateOnly(2021, 11, 7)), (pupils["usr-lark-s-101"].DateOfBirth, pupils["usr-lark-s-103"].DateOfBirth));
        Assert.Contains("Dates in the birthDate column of demographics.csv were read as year-day-month, because \"2018-14-03\" on line 2 can only be read that way. Check the dates in the changes below, and export dates as YYYY-MM-DD.", result.Preview.Notes);
    }
}
