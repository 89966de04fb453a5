using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.People;

/// <summary>The role and permission services on a database of their own: a trust with one school, and a standalone school.</summary>
public class RoleServiceTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = new(2026, 3, 10);
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    private sealed record World(TestDb Db, Org Trust, Org School, Org Standalone);

    private async Task<World> WorldAsync()
    {
        var db = await TestDb.CreateAsync(server, _clock);
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = "Heron Trust" };
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Heron Primary", TrustId = trust.Id };
        var standalone = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Village School" };
        await using var ctx = db.System();
        ctx.Organisations.AddRange(trust, school, standalone);
        await ctx.SaveChangesAsync(Ct);
        return new World(db, trust, school, standalone);
    }

    /// <summary>A staff member with a sign-in account and the given roles where they work.</summary>
    private static async Task<StaffMember> PersonAsync(TestDb db, Org org, string name, params Role[] roles)
    {
        await using var ctx = db.System();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = $"{name}@x.test", DisplayName = name };
        var staff = new StaffMember { Id = Guid.NewGuid(), OrganisationId = org.Id, FirstName = name, LastName = "Test", UserId = user.Id };
        ctx.Users.Add(user);
        ctx.StaffMembers.Add(staff);
        foreach (var role in roles)
            ctx.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = org.Id, StaffMemberId = staff.Id, Role = role });
        await ctx.SaveChangesAsync(Ct);
        return staff;
    }

    private RolePermissionService Permissions(SafeSocialDbLease lease) => new(lease.Db, _clock);

    private sealed class SafeSocialDbLease(TestDb db, string actor) : IAsyncDisposable
    {
        public Core.Data.SafeSocialDb Db { get; } = db.System(actor);
        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }

    [Fact]
    public async Task ASchoolSetting_ChangesWhatTheRoleCanDo_AndResetToDefaultRemovesIt()
    {
        var w = await WorldAsync();
        var teacher = await PersonAsync(w.Db, w.School, "Tess", Role.Teacher);
        await using (var lease = new SafeSocialDbLease(w.Db, "Head"))
        {
            var outcome = await Permissions(lease).SetAsync(w.School.Id, Role.Teacher,
                new Dictionary<Permission, PermissionChoice> { [Permission.ViewPupilDetails] = PermissionChoice.Revoke, [Permission.ApprovePosts] = PermissionChoice.Grant },
                "Agreed by governors", Ct);
            Assert.True(outcome.Succeeded);
        }

        await using (var ctx = w.Db.System())
        {
            var access = await new AccessService(ctx, _clock).ForUserAsync(teacher.UserId!.Value, Ct);
            Assert.False(access.Can(w.School.Id, Permission.ViewPupilDetails));
            Assert.True(access.Can(w.School.Id, Permission.ApprovePosts));
            Assert.True(access.NeedsTwoFactor);
            var settings = await ctx.RolePermissionSettings.ToListAsync(Ct);
            Assert.Equal(AccessService.Effective(Role.Teacher, w.School.Id, w.Trust.Id, settings), access.In(w.School.Id)!.Permissions);
            var audited = await ctx.AuditEntries.Where(a => a.EntityType == "RolePermissionSetting").ToListAsync(Ct);
            Assert.Equal(2, audited.Count);
            Assert.All(audited, a => Assert.Equal(("Added", "Agreed by governors", "Head"), (a.Action, a.Reason, a.ActorName)));

            var row = await new RolePermissionService(ctx, _clock).RoleAsync(w.School.Id, Role.Teacher, Ct);
            Assert.Equal((false, GrantSource.School, true), (row[Permission.ViewPupilDetails].Granted, row[Permission.ViewPupilDetails].Source, row[Permission.ViewPupilDetails].Inherited));
        }

        await using (var lease = new SafeSocialDbLease(w.Db, "Head"))
            Assert.True((await Permissions(lease).SetAsync(w.School.Id, Role.Teacher,
                new Dictionary<Permission, PermissionChoice> { [Permission.ViewPupilDetails] = PermissionChoice.Inherit }, "Back to normal", Ct)).Succeeded);
        await using (var ctx = w.Db.System())
        {
            Assert.Equal([Permission.ApprovePosts], await ctx.RolePermissionSettings.Select(s => s.Permission).ToListAsync(Ct));
            Assert.True((await new AccessService(ctx, _clock).ForUserAsync(teacher.UserId!.Value, Ct)).Can(w.School.Id, Permission.ViewPupilDetails));
            Assert.True(await ctx.AuditEntries.AnyAsync(a => a.EntityType == "RolePermissionSetting" && a.Action == "Deleted" && a.Reason == "Back to normal", Ct));
        }
    }

    [Fact]
    public async Task TheTable_SaysWhereEachGrantComesFrom_SchoolOverTrustOverDefault()
    {
        var w = await WorldAsync();
        await PersonAsync(w.Db, w.Trust, "Ella", Role.TrustExecutiveLeadership);
        await using (var lease = new SafeSocialDbLease(w.Db, "ELT"))
        {
            var service = Permissions(lease);
            Assert.True((await service.SetAsync(w.Trust.Id, Role.Governor, new Dictionary<Permission, PermissionChoice>
                { [Permission.ViewAudit] = PermissionChoice.Grant, [Permission.ViewPeople] = PermissionChoice.Revoke }, "Trust policy", Ct)).Succeeded);
            Assert.True((await service.SetAsync(w.School.Id, Role.Governor, new Dictionary<Permission, PermissionChoice>
                { [Permission.ViewPeople] = PermissionChoice.Grant }, "Our governors need the lists", Ct)).Succeeded);
        }

        await using var read = new SafeSocialDbLease(w.Db, "x");
        var school = await Permissions(read).TableAsync(w.School.Id, Ct);
        var governor = school.Roles.Single(r => r.Role == Role.Governor);
        Assert.Equal((true, GrantSource.Trust), (governor[Permission.ViewAudit].Granted, governor[Permission.ViewAudit].Source));
        Assert.Equal((true, GrantSource.School, false, GrantSource.Trust), (governor[Permission.ViewPeople].Granted, governor[Permission.ViewPeople].Source,
            governor[Permission.ViewPeople].Inherited, governor[Permission.ViewPeople].InheritedFrom));
        Assert.Equal((false, GrantSource.Default), (governor[Permission.ManageRoles].Granted, governor[Permission.ManageRoles].Source));
        Assert.False(school.Roles.Single(r => r.Role == Role.TrustBoard).Editable);
        Assert.Equal(Roles.SchoolRoles, school.Roles.Take(Roles.SchoolRoles.Length).Select(r => r.Role));

        var trust = await Permissions(read).TableAsync(w.Trust.Id, Ct);
        Assert.Equal((false, GrantSource.Trust), (trust.Roles.Single(r => r.Role == Role.Governor)[Permission.ViewPeople].Granted, trust.Roles.Single(r => r.Role == Role.Governor)[Permission.ViewPeople].Source));
        Assert.All(trust.Roles, r => Assert.True(r.Editable));

        var refused = await Permissions(read).SetAsync(w.School.Id, Role.TrustBoard, new Dictionary<Permission, PermissionChoice> { [Permission.ViewAudit] = PermissionChoice.Revoke }, "no", Ct);
        Assert.Contains("Trust roles can only be adjusted by the trust", refused.Problems.Single().Message);
    }

    [Fact]
    public async Task AChange_NeedsAReason()
    {
        var w = await WorldAsync();
        await using var lease = new SafeSocialDbLease(w.Db, "Head");
        var outcome = await Permissions(lease).SetAsync(w.Standalone.Id, Role.Teacher,
            new Dictionary<Permission, PermissionChoice> { [Permission.ViewAudit] = PermissionChoice.Grant }, "  ", Ct);
        Assert.Equal("Reason", outcome.Problems.Single().Field);
        Assert.Empty(await lease.Db.RolePermissionSettings.ToListAsync(Ct));
    }

    [Fact]
    public async Task AStandaloneSchool_CannotBeLeftWithNobodyWhoCanGiveRoles()
    {
        var w = await WorldAsync();
        var head = await PersonAsync(w.Db, w.Standalone, "Hana", Role.Headteacher);
        await using var lease = new SafeSocialDbLease(w.Db, "Hana");
        var revoke = new Dictionary<Permission, PermissionChoice> { [Permission.ManageRoles] = PermissionChoice.Revoke };

        var refused = await Permissions(lease).SetAsync(w.Standalone.Id, Role.Headteacher, revoke, "Tidy up", Ct);
        Assert.Equal(nameof(Permission.ManageRoles), refused.Problems.Single().Field);
        Assert.Contains("Village School", refused.Problems.Single().Message);

        var roles = new RoleAssignmentService(lease.Db, _clock);
        var assignment = await lease.Db.RoleAssignments.SingleAsync(r => r.StaffMemberId == head.Id, Ct);
        Assert.False((await roles.RemoveAsync(w.Standalone.Id, assignment.Id, "Leaving", Ct)).Succeeded);
        Assert.False((await new StaffService(lease.Db, _clock).RecordLeavingAsync(w.Standalone.Id, head.Id, Today.AddMonths(4), "Retiring", Ct)).Succeeded);

        // Once the business manager's role can give roles too, the head's may go.
        var sbm = await PersonAsync(w.Db, w.Standalone, "Sam", Role.SchoolBusinessManager);
        Assert.True((await Permissions(lease).SetAsync(w.Standalone.Id, Role.SchoolBusinessManager,
            new Dictionary<Permission, PermissionChoice> { [Permission.ManageRoles] = PermissionChoice.Grant }, "SBM runs accounts", Ct)).Succeeded);
        Assert.True((await Permissions(lease).SetAsync(w.Standalone.Id, Role.Headteacher, revoke, "Delegated to SBM", Ct)).Succeeded);

        // A leaver does not count as someone who can give roles.
        await using (var ctx = w.Db.System())
        {
            (await ctx.StaffMembers.SingleAsync(s => s.Id == sbm.Id, Ct)).LeavingDate = Today.AddDays(-1);
            await ctx.SaveChangesAsync(Ct);
        }
        await using var fresh = new SafeSocialDbLease(w.Db, "Hana");
        var back = await Permissions(fresh).SetAsync(w.Standalone.Id, Role.SchoolBusinessManager,
            new Dictionary<Permission, PermissionChoice> { [Permission.ManageRoles] = PermissionChoice.Inherit }, "Undo", Ct);
        Assert.True(back.Succeeded); // nobody could give roles before either: not made worse
    }

    [Fact]
    public async Task ASchoolInATrust_KeepsTheTrustsLeadersWhoCanGiveRoles()
    {
        var w = await WorldAsync();
        await PersonAsync(w.Db, w.Trust, "Ella", Role.TrustExecutiveLeadership);
        var head = await PersonAsync(w.Db, w.School, "Hari", Role.Headteacher);
        await using var lease = new SafeSocialDbLease(w.Db, "Hari");
        var assignment = await lease.Db.RoleAssignments.SingleAsync(r => r.StaffMemberId == head.Id, Ct);
        Assert.True((await new RoleAssignmentService(lease.Db, _clock).RemoveAsync(w.School.Id, assignment.Id, "Acting head returns", Ct)).Succeeded);

        // At the trust, revoking the leaders' ManageRoles would leave the trust and its school with nobody.
        var refused = await Permissions(lease).SetAsync(w.Trust.Id, Role.TrustExecutiveLeadership,
            new Dictionary<Permission, PermissionChoice> { [Permission.ManageRoles] = PermissionChoice.Revoke }, "test", Ct);
        Assert.Contains("Heron Trust and Heron Primary", refused.Problems.Single().Message);
    }

    [Fact]
    public async Task Roles_FitTheOrganisation_AndALeaverGetsNone()
    {
        var w = await WorldAsync();
        var central = await PersonAsync(w.Db, w.Trust, "Cass");
        var teacher = await PersonAsync(w.Db, w.School, "Tom");
        await using var lease = new SafeSocialDbLease(w.Db, "Head");
        var roles = new RoleAssignmentService(lease.Db, _clock);

        Assert.Equal("Role", (await roles.GiveAsync(w.School.Id, teacher.Id, Role.DirectorOfHr, false, "x", Ct)).Problems.Single().Field);
        Assert.Equal("Role", (await roles.GiveAsync(w.Trust.Id, central.Id, Role.Teacher, false, "x", Ct)).Problems.Single().Field);
        Assert.False((await roles.GiveAsync(w.School.Id, central.Id, Role.Teacher, false, "x", Ct)).Found);
        Assert.True((await roles.GiveAsync(w.Trust.Id, central.Id, Role.DirectorOfHr, false, "Joined HR", Ct)).Succeeded);
        Assert.True((await roles.GiveAsync(w.School.Id, teacher.Id, Role.Headteacher, false, "Co-head", Ct)).Succeeded);
        var second = await PersonAsync(w.Db, w.School, "Tia");
        Assert.True((await roles.GiveAsync(w.School.Id, second.Id, Role.Headteacher, false, "Co-head", Ct)).Succeeded);
        Assert.Equal("NamedGovernor", (await roles.GiveAsync(w.School.Id, second.Id, Role.Teacher, true, "x", Ct)).Problems.Single().Field);

        await using (var ctx = w.Db.System())
        {
            (await ctx.StaffMembers.SingleAsync(s => s.Id == second.Id, Ct)).LeavingDate = Today;
            await ctx.SaveChangesAsync(Ct);
        }
        await using var fresh = new SafeSocialDbLease(w.Db, "Head");
        Assert.Contains("has left", (await new RoleAssignmentService(fresh.Db, _clock).GiveAsync(w.School.Id, second.Id, Role.Teacher, false, "x", Ct)).Problems.Single().Message);
    }

    [Fact]
    public async Task AccessService_IgnoresRolesOfSomeoneWhoseLeavingDateHasCome()
    {
        var w = await WorldAsync();
        var head = await PersonAsync(w.Db, w.Standalone, "Lea", Role.Headteacher);
        async Task<bool> MemberAsync()
        {
            await using var ctx = w.Db.System();
            return (await new AccessService(ctx, _clock).ForUserAsync(head.UserId!.Value, Ct)).In(w.Standalone.Id) is not null;
        }
        async Task LeaveOnAsync(DateOnly day)
        {
            await using var ctx = w.Db.System();
            (await ctx.StaffMembers.SingleAsync(s => s.Id == head.Id, Ct)).LeavingDate = day;
            await ctx.SaveChangesAsync(Ct);
        }

        Assert.True(await MemberAsync());
        await LeaveOnAsync(Today.AddDays(1));
        Assert.True(await MemberAsync());
        await LeaveOnAsync(Today);
        Assert.False(await MemberAsync());
        _clock.Now = _clock.Now.AddDays(-1);
        Assert.True(await MemberAsync());
    }
}
