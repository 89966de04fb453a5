using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.People;

public sealed record AssignmentSummary(Guid AssignmentId, Guid StaffMemberId, string StaffName, Role Role, bool IsNamedOnlineSafetyGovernor);

/// <summary>
/// Giving and removing roles, each with the reason recorded in the audit trail. School roles are held in
/// a school, trust roles only at the trust. Several headteachers are allowed; one governor per school may
/// be the named governor for online safety.
/// </summary>
public sealed class RoleAssignmentService(SafeSocialDb db, TimeProvider clock)
{
    private DateOnly Today => UkTime.Today(clock);

    public static IReadOnlyList<Role> RolesFor(OrganisationKind kind) => kind == OrganisationKind.Trust ? Roles.TrustRoles : Roles.SchoolRoles;

    public async Task<Outcome> GiveAsync(Guid orgId, Guid staffId, Role role, bool namedOnlineSafetyGovernor, string? reason, CancellationToken ct = default)
    {
        var staff = await db.StaffMembers.Include(s => s.Roles).FirstOrDefaultAsync(s => s.OrganisationId == orgId && s.Id == staffId, ct);
        if (staff is null) return Outcome.NotFound;
        var kind = await KindOfAsync(orgId, ct);
        if (!RolesFor(kind).Contains(role))
            return Outcome.Refused("Role", kind == OrganisationKind.Trust
                ? "Only trust roles can be given at the trust. Give school roles in the school"
                : "Trust roles can only be given at the trust");
        if (IsActor(staff)) return Outcome.Refused("Role", YourOwnRoles);
        if (staff.HasLeft(Today)) return Outcome.Refused("Role", $"{staff.FullName} has left, so cannot be given a role");
        if (staff.Roles.Any(r => r.Role == role && r.OrganisationId == orgId)) return Outcome.Refused("Role", $"{staff.FullName} is already {role.Title().ToLowerInvariant()}");
        if (namedOnlineSafetyGovernor && role != Role.Governor) return Outcome.Refused("NamedGovernor", "Only a governor can be the named governor for online safety");
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Refused("Reason", "Enter why you are giving this role");

        var assignment = new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = orgId, StaffMemberId = staffId, Role = role };
        db.RoleAssignments.Add(assignment);
        if (namedOnlineSafetyGovernor) await MarkNamedGovernorAsync(orgId, assignment, ct);
        db.Audit.Reason = reason.Trim();
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public async Task<AssignmentSummary?> FindAsync(Guid orgId, Guid assignmentId, CancellationToken ct = default) =>
        await db.RoleAssignments.AsNoTracking().Where(r => r.OrganisationId == orgId && r.Id == assignmentId)
            .Select(r => new AssignmentSummary(r.Id, r.StaffMemberId, r.StaffMember!.FirstName + " " + r.StaffMember.LastName, r.Role, r.IsNamedOnlineSafetyGovernor))
            .FirstOrDefaultAsync(ct);

    /// <summary>The school's named governor for online safety, if one is marked.</summary>
    public async Task<AssignmentSummary?> NamedGovernorAsync(Guid orgId, CancellationToken ct = default) =>
        await db.RoleAssignments.AsNoTracking().Where(r => r.OrganisationId == orgId && r.IsNamedOnlineSafetyGovernor)
            .Select(r => new AssignmentSummary(r.Id, r.StaffMemberId, r.StaffMember!.FirstName + " " + r.StaffMember.LastName, r.Role, true))
            .FirstOrDefaultAsync(ct);

    public async Task<Outcome> RemoveAsync(Guid orgId, Guid assignmentId, string? reason, CancellationToken ct = default)
    {
        var assignment = await db.RoleAssignments.Include(r => r.StaffMember).FirstOrDefaultAsync(r => r.OrganisationId == orgId && r.Id == assignmentId, ct);
        if (assignment is null) return Outcome.NotFound;
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Refused("Reason", "Enter why you are removing this role");
        var orphaned = await ManageRolesGuard.OrphanedByAsync(db, orgId, Today, drop: h => h.AssignmentId == assignmentId, ct: ct);
        if (orphaned.Count > 0)
            return Outcome.Refused("", $"Nobody else can give and remove roles at {string.Join(" and ", orphaned)}, so this role cannot be removed. Give someone else that first");
        if (IsActor(assignment.StaffMember!)) return Outcome.Refused("", YourOwnRoles);

        db.RoleAssignments.Remove(assignment);
        db.Audit.Reason = reason.Trim();
        // Someone left with no role at all no longer runs official accounts: that ends in the same transaction.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        await new Accounts.AdminAccessEnding(db, clock).EndForRolelessAsync(assignment.StaffMemberId, ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Makes this governor the school's named governor for online safety, in place of anyone marked before.</summary>
    public async Task<Outcome> MakeNamedGovernorAsync(Guid orgId, Guid assignmentId, string? reason, CancellationToken ct = default)
    {
        var assignment = await db.RoleAssignments.Include(r => r.StaffMember).FirstOrDefaultAsync(r => r.OrganisationId == orgId && r.Id == assignmentId, ct);
        if (assignment is null) return Outcome.NotFound;
        if (IsActor(assignment.StaffMember!)) return Outcome.Refused("", YourOwnRoles);
        if (assignment.Role != Role.Governor) return Outcome.Refused("", "Only a governor can be the named governor for online safety");
        if (assignment.StaffMember!.HasLeft(Today)) return Outcome.Refused("", $"{assignment.StaffMember.FullName} has left");
        if (assignment.IsNamedOnlineSafetyGovernor) return Outcome.Done;
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Refused("Reason", "Enter why this governor is becoming the named governor for online safety");

        await MarkNamedGovernorAsync(orgId, assignment, ct);
        db.Audit.Reason = reason.Trim();
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public const string YourOwnRoles = "You cannot change your own roles. Ask someone else who can give roles";

    /// <summary>Nobody changes their own roles: that would let one person widen their own powers alone.</summary>
    private bool IsActor(StaffMember staff) => staff.UserId is not null && staff.UserId == db.Audit.ActorUserId;

    /// <summary>Whether this staff member is the person acting, whose roles they may not change.</summary>
    public Task<bool> IsActorAsync(Guid orgId, Guid staffId, CancellationToken ct = default) =>
        db.Audit.ActorUserId is { } actor
            ? db.StaffMembers.AnyAsync(s => s.OrganisationId == orgId && s.Id == staffId && s.UserId == actor, ct)
            : Task.FromResult(false);

    private async Task MarkNamedGovernorAsync(Guid orgId, RoleAssignment assignment, CancellationToken ct)
    {
        foreach (var previous in await db.RoleAssignments.Where(r => r.OrganisationId == orgId && r.IsNamedOnlineSafetyGovernor && r.Id != assignment.Id).ToListAsync(ct))
            previous.IsNamedOnlineSafetyGovernor = false;
        assignment.IsNamedOnlineSafetyGovernor = true;
    }

    private async Task<OrganisationKind> KindOfAsync(Guid orgId, CancellationToken ct) =>
        await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == orgId).Select(o => o.Kind).FirstAsync(ct);
}
