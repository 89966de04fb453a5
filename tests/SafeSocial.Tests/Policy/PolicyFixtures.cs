using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Policy;

/// <summary>A trust with two schools, and a standalone school, on a fresh database.</summary>
internal sealed record PolicyWorld(TestDb Db, Org Trust, Org School, Org SecondSchool, Org Standalone)
{
    public static async Task<PolicyWorld> CreateAsync(PostgresServer server, TimeProvider? clock = null)
    {
        var db = await TestDb.CreateAsync(server, clock);
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = "Heron Trust" };
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Alpha Primary", TrustId = trust.Id };
        var second = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Beta Primary", TrustId = trust.Id };
        var standalone = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Gamma Primary" };
        await using var ctx = db.System();
        ctx.Organisations.AddRange(trust, school, second, standalone);
        await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new PolicyWorld(db, trust, school, second, standalone);
    }

    public async Task<StaffMember> StaffAsync(Guid orgId, string first, string last, Role role, bool namedGovernor = false, DateOnly? leaving = null)
    {
        var staff = new StaffMember { Id = Guid.NewGuid(), OrganisationId = orgId, FirstName = first, LastName = last, LeavingDate = leaving };
        await using var ctx = Db.System();
        ctx.StaffMembers.Add(staff);
        ctx.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = orgId, StaffMemberId = staff.Id, Role = role, IsNamedOnlineSafetyGovernor = namedGovernor });
        await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        return staff;
    }
}
