using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>The import links teachers to the classes the files enrol them in, for their "My class", and moves the links when the files do.</summary>
public class ClassTeacherImportTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneRoster_LinksTheEnrolledTeacher_AndALaterImportMovesTheClassToAnotherTeacher()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var first = await school.ApplyCleanAsync(RosterFixtures.Path("oneroster-1.1"));

        Assert.Contains("1 teacher linked to their classes", first.Preview.Notes.Single(n => n.Contains("linked to their classes", StringComparison.Ordinal)));
        Assert.Equal(1, first.Preview.CountOf(RosterRecordKind.ClassTeachers)!.Added);
        var harriet = await SignInAsync(school, "usr-lark-t-001");
        var daniel = await SignInAsync(school, "usr-lark-t-002");
        Assert.Equal(["Year 3 Oak"], await TaughtAsync(school, harriet));
        await using (var db = school.Db.System())
        {
            var audited = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(ClassTeacher) && e.Action == "Added", Ct);
            Assert.StartsWith("Roster import", audited.Reason, StringComparison.Ordinal);
        }
        // Set by hand: Harriet also teaches Reception Willow, which the files name no teacher of, and a supply teacher
        // without a roster id helps in Year 3 Oak. Neither is the files' to change.
        var supply = await HandSetAsync(school, harriet, "Reception Willow", "Year 3 Oak");
        Assert.Equal(0, (await school.ApplyCleanAsync(RosterFixtures.Path("oneroster-1.1"))).Preview.TotalChanges);

        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "enrollments.csv", t => t.Replace("cls-lark-3-oak,org-sch-lark,usr-lark-t-001,teacher", "cls-lark-3-oak,org-sch-lark,usr-lark-t-002,teacher", StringComparison.Ordinal));
        var moved = await school.ApplyCleanAsync(folder);

        Assert.Equal(["Reception Willow"], await TaughtAsync(school, harriet));
        Assert.Equal(["Year 3 Oak"], await TaughtAsync(school, daniel));
        Assert.Equal(["Year 3 Oak"], await TaughtAsync(school, supply));
        Assert.Equal((1, 1), (moved.Preview.CountOf(RosterRecordKind.ClassTeachers)!.Added, moved.Preview.CountOf(RosterRecordKind.ClassTeachers)!.Leaving));
        Assert.Equal("Harriet Patel – Year 3 Oak", moved.Preview.Leavers.Single(l => l.Kind == RosterRecordKind.ClassTeachers).Name);
    }

    [Fact]
    public async Task SdsClassic_LinksTeachersFromTeacherRoster_AndALaterImportMovesTheSection()
    {
        var school = await RosterSchool.CreateAsync(server, "5101", "Ashgrove Academy");

        var first = await school.ApplyCleanAsync(RosterFixtures.Path("sds-classic"));

        Assert.Contains("2 teachers linked to their classes", first.Preview.Notes.Single(n => n.Contains("linked to their classes", StringComparison.Ordinal)));
        var hannah = await SignInAsync(school, "8101");
        var tom = await SignInAsync(school, "8102");
        Assert.Equal(["Form 7K", "Maths"], await TaughtAsync(school, hannah));
        Assert.Equal(["Maths"], await TaughtAsync(school, tom));

        var folder = RosterFixtures.Copy("sds-classic");
        RosterFixtures.Edit(folder, "TeacherRoster.csv", t => t.Replace("6101,8101", "6101,8102", StringComparison.Ordinal));
        await school.ApplyCleanAsync(folder);

        Assert.Equal(["Form 7K"], await TaughtAsync(school, hannah));
        Assert.Equal(2, (await TaughtAsync(school, tom)).Count);
    }

    [Fact]
    public async Task AnImportWithoutTeacherEnrolments_LeavesTheLinksAlone()
    {
        var school = await RosterSchool.CreateAsync(server, "5101", "Ashgrove Academy");
        await school.ApplyCleanAsync(RosterFixtures.Path("sds-classic"));
        var hannah = await SignInAsync(school, "8101");

        var folder = RosterFixtures.Copy("sds-classic");
        File.Delete(Path.Combine(folder, "TeacherRoster.csv"));
        await school.ApplyCleanAsync(folder);

        Assert.Equal(2, (await TaughtAsync(school, hannah)).Count);
    }

    /// <summary>Gives the imported staff member a SafeSocial sign-in, as the school does after an import.</summary>
    private static async Task<Guid> SignInAsync(RosterSchool school, string sourcedId)
    {
        await using var db = school.Db.System();
        var staff = await db.StaffMembers.SingleAsync(s => s.OrganisationId == school.School.Id && s.SourcedId == sourcedId, Ct);
        var userId = Guid.NewGuid();
        db.Users.Add(new AppUser { Id = userId, UserName = $"{sourcedId}@example.org", DisplayName = staff.FullName });
        staff.UserId = userId;
        await db.SaveChangesAsync(Ct);
        return userId;
    }

    /// <summary>Links the signed-in teacher to one more class by hand, and adds a supply teacher (no roster id) to another; returns the supply teacher's sign-in.</summary>
    private static async Task<Guid> HandSetAsync(RosterSchool school, Guid teacherUser, string teacherClass, string supplyClass)
    {
        await using var db = school.Db.System();
        var classes = await db.SchoolClasses.Where(c => c.OrganisationId == school.School.Id).ToDictionaryAsync(c => c.Name, c => c.Id, Ct);
        var teacher = await db.StaffMembers.SingleAsync(s => s.UserId == teacherUser, Ct);
        var userId = Guid.NewGuid();
        db.Users.Add(new AppUser { Id = userId, UserName = "supply@example.org", DisplayName = "Sol Reyes" });
        var supply = new StaffMember { Id = Guid.NewGuid(), OrganisationId = school.School.Id, FirstName = "Sol", LastName = "Reyes", UserId = userId };
        db.StaffMembers.Add(supply);
        await db.SaveChangesAsync(Ct);
        var teaching = new ClassTeaching(db, school.Db.Clock);
        await teaching.SetAsync(school.School.Id, teacher.Id, [.. (await teaching.TaughtByStaffAsync(school.School.Id, teacher.Id, Ct)).Select(c => c.Id), classes[teacherClass]], Ct);
        await teaching.SetAsync(school.School.Id, supply.Id, [classes[supplyClass]], Ct);
        return userId;
    }

    private static async Task<List<string>> TaughtAsync(RosterSchool school, Guid userId)
    {
        await using var db = school.Db.LimitedTo(school.School.Id);
        return (await new ClassTeaching(db, school.Db.Clock).TaughtByUserAsync(school.School.Id, userId, Ct)).Select(c => c.Name).ToList();
    }
}
