using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Web;

public class DashboardTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PeopleManagers_AreToldWhoHoldsARoleButCannotSignIn_UntilTheyAreInvited()
    {
        Guid school, staffId;
        await using (var db = app.Db.System())
        {
            school = await db.StaffMembers.Where(s => s.Email == "school-business-manager@demo.safesocial.test").Select(s => s.OrganisationId).SingleAsync(Ct);
            var staff = new StaffMember { Id = Guid.NewGuid(), OrganisationId = school, FirstName = "Nadia", LastName = "New", Email = "nadia@example.org" };
            staffId = staff.Id;
            db.StaffMembers.Add(staff);
            db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = school, StaffMemberId = staff.Id, Role = Role.Teacher });
            await db.SaveChangesAsync(Ct);
        }
        var manager = await app.SignedInAsync("school-business-manager@demo.safesocial.test");
        var teacher = await app.SignedInAsync("teacher@demo.safesocial.test");

        Assert.Contains("1 person with a role cannot sign in yet", (await manager.GetPageAsync($"/o/{school}")).QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("cannot sign in yet", (await teacher.GetPageAsync($"/o/{school}")).QuerySelector("main")!.TextContent);

        await using (var db = app.Db.System())
        {
            var now = TimeProvider.System.GetUtcNow();
            db.StaffInvitations.Add(new StaffInvitation { Id = Guid.NewGuid(), OrganisationId = school, StaffMemberId = staffId, Email = "nadia@example.org", TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = now, ExpiresAt = now.AddDays(7) });
            await db.SaveChangesAsync(Ct);
        }
        Assert.DoesNotContain("cannot sign in yet", (await manager.GetPageAsync($"/o/{school}")).QuerySelector("main")!.TextContent);
    }
}
