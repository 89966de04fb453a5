using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Organisation;

public class AccessServiceTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Today = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private sealed record World(TestDb Db, Org Trust, Org SchoolA, Org SchoolB, Org Standalone);

    private async Task<World> WorldAsync()
    {
        var db = await TestDb.CreateAsync(server, new FakeClock(Today));
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = "Trust" };
        var a = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "A", TrustId = trust.Id };
        var b = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "B", TrustId = trust.Id };
        var alone = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Alone" };
        await using var ctx = db.System();
        ctx.Organisations.AddRange(trust, a, b, alone);
        await ctx.SaveChangesAsync(Ct);
        return new World(db, trust, a, b, alone);
    }

    private static async Task<Guid> PersonAsync(TestDb db, Guid orgId, Role role, DateOnly? leavingDate = null)
    {
        var userId = Guid.NewGuid();
        await using var ctx = db.System();
        ctx.Users.Add(new SafeSocial.Core.Identity.AppUser { Id = userId, DisplayName = "P", UserName = $"{userId}@example.org" });
        var staff = new StaffMember { Id = Guid.NewGuid(), OrganisationId = orgId, FirstName = "P", LastName = "Q", UserId = userId, LeavingDate = leavingDate };
        ctx.StaffMembers.Add(staff);
        ctx.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = orgId, StaffMemberId = staff.Id, Role = role });
        await ctx.SaveChangesAsync(Ct);
        return userId;
    }

    [Fact]
    public async Task TrustRole_AppliesInTheTrustAndEveryOneOfItsSchools_ButNotOthers()
    {
        var w = await WorldAsync();
        var user = await PersonAsync(w.Db, w.Trust.Id, Role.TrustExecutiveLeadership);
        await using var ctx = w.Db.System();
        var access = await new AccessService(ctx, w.Db.Clock).ForUserAsync(user, Ct);

        Assert.Equal(new[] { w.Trust.Id, w.SchoolA.Id, w.SchoolB.Id }.Order(), access.Memberships.Select(m => m.OrganisationId).Order());
        Assert.True(access.Can(w.SchoolB.Id, Permission.ManageRoles));
        Assert.Null(access.In(w.Standalone.Id));
    }

    [Fact]
    public async Task SchoolRole_AppliesOnlyInThatSchool()
    {
        var w = await WorldAsync();
        var user = await PersonAsync(w.Db, w.SchoolA.Id, Role.Teacher);
        await using var ctx = w.Db.System();
        var access = await new AccessService(ctx, w.Db.Clock).ForUserAsync(user, Ct);

        Assert.Equal([w.SchoolA.Id], access.Memberships.Select(m => m.OrganisationId));
        Assert.True(access.Can(w.SchoolA.Id, Permission.ViewPupilDetails));
        Assert.False(access.Can(w.SchoolA.Id, Permission.ViewAudit));
        Assert.False(access.NeedsTwoFactor);
    }

    [Fact]
    public async Task PolicySettings_AdjustDefaults_TrustFirstThenSchool()
    {
        var w = await WorldAsync();
        var user = await PersonAsync(w.Db, w.SchoolA.Id, Role.Teacher);
        await using (var ctx = w.Db.System())
        {
            // The trust lets teachers approve posts; school A takes that back but lets them see the audit trail.
            ctx.RolePermissionSettings.AddRange(
                new RolePermissionSetting { Id = Guid.NewGuid(), OrganisationId = w.Trust.Id, Role = Role.Teacher, Permission = Permission.ApprovePosts, Granted = true },
                new RolePermissionSetting { Id = Guid.NewGuid(), OrganisationId = w.SchoolA.Id, Role = Role.Teacher, Permission = Permission.ApprovePosts, Granted = false },
                new RolePermissionSetting { Id = Guid.NewGuid(), OrganisationId = w.SchoolA.Id, Role = Role.Teacher, Permission = Permission.ViewAudit, Granted = true });
            await ctx.SaveChangesAsync(Ct);
        }
        await using var read = w.Db.System();
        var access = await new AccessService(read, w.Db.Clock).ForUserAsync(user, Ct);

        Assert.False(access.Can(w.SchoolA.Id, Permission.ApprovePosts));
        Assert.True(access.Can(w.SchoolA.Id, Permission.ViewAudit));
    }

    [Fact]
    public async Task TrustSetting_ThatGrantsASensitivePermission_MakesTwoFactorMandatory()
    {
        var w = await WorldAsync();
        var user = await PersonAsync(w.Db, w.SchoolB.Id, Role.Teacher);
        await using (var ctx = w.Db.System())
        {
            ctx.RolePermissionSettings.Add(new RolePermissionSetting { Id = Guid.NewGuid(), OrganisationId = w.Trust.Id, Role = Role.Teacher, Permission = Permission.ApprovePosts, Granted = true });
            await ctx.SaveChangesAsync(Ct);
        }
        await using var read = w.Db.System();
        Assert.True((await new AccessService(read, w.Db.Clock).ForUserAsync(user, Ct)).NeedsTwoFactor);
    }

    [Fact]
    public async Task Leaver_HasNoAccessFromTheirLeavingDate()
    {
        var w = await WorldAsync();
        var left = await PersonAsync(w.Db, w.SchoolA.Id, Role.Headteacher, DateOnly.FromDateTime(Today.UtcDateTime));
        var leaving = await PersonAsync(w.Db, w.SchoolA.Id, Role.Headteacher, DateOnly.FromDateTime(Today.UtcDateTime).AddDays(1));
        await using var ctx = w.Db.System();
        var service = new AccessService(ctx, w.Db.Clock);

        Assert.Empty((await service.ForUserAsync(left, Ct)).Memberships);
        Assert.Single((await service.ForUserAsync(leaving, Ct)).Memberships);
    }

    [Fact]
    public async Task ARememberedAnswer_IsForgottenTheMomentARoleChanges()
    {
        var w = await WorldAsync();
        var user = await PersonAsync(w.Db, w.SchoolA.Id, Role.Teacher);
        using var cache = new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions());
        await using var ctx = w.Db.System();
        var service = new AccessService(ctx, w.Db.Clock, cache);
        Assert.False((await service.ForUserAsync(user, Ct)).Can(w.SchoolA.Id, Permission.ViewAudit));

        await using (var other = w.Db.System())
        {
            var staff = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(other.StaffMembers, s => s.UserId == user, Ct);
            other.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = w.SchoolA.Id, StaffMemberId = staff.Id, Role = Role.DataProtectionOfficer });
            await other.SaveChangesAsync(Ct);
        }

        Assert.True((await service.ForUserAsync(user, Ct)).Can(w.SchoolA.Id, Permission.ViewAudit));
    }

    [Fact]
    public async Task ALeavingDate_CountsFromMidnightInTheUk_NotMidnightUtc()
    {
        // 23:30 UTC on 30 June is 00:30 on 1 July in London: someone leaving on 1 July has already left.
        var db = await TestDb.CreateAsync(server, new FakeClock(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero)));
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Summer Primary" };
        await using (var ctx = db.System())
        {
            ctx.Organisations.Add(school);
            await ctx.SaveChangesAsync(Ct);
        }
        var user = await PersonAsync(db, school.Id, Role.Teacher, new DateOnly(2026, 7, 1));
        await using var read = db.System();
        Assert.Empty((await new AccessService(read, db.Clock).ForUserAsync(user, Ct)).Memberships);
    }
}
