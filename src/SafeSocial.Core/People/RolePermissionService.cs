using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.People;

/// <summary>Where a role's permission comes from: SafeSocial's default, the trust's setting, or this school's own.</summary>
public enum GrantSource { Default, Trust, School }

public enum PermissionChoice { Inherit, Grant, Revoke }

/// <param name="Inherited">What the role would have here with no setting of this organisation's own.</param>
public sealed record PermissionCell(Permission Permission, bool Granted, GrantSource Source, bool Inherited, GrantSource InheritedFrom);

public sealed record RolePermissions(Role Role, bool Editable, IReadOnlyList<PermissionCell> Cells)
{
    public PermissionCell this[Permission p] => Cells.First(c => c.Permission == p);
}

public sealed record PermissionTable(Guid OrganisationId, OrganisationKind Kind, IReadOnlyList<RolePermissions> Roles);

/// <summary>
/// Adjusting what each role may do, as a school's policy (or a trust's, for all its schools) allows.
/// A school adjusts school roles; trust roles are adjusted only at the trust.
/// </summary>
public sealed class RolePermissionService(SafeSocialDb db, TimeProvider clock)
{
    public async Task<PermissionTable> TableAsync(Guid orgId, CancellationToken ct = default)
    {
        var (kind, trustId, settings) = await LoadAsync(orgId, ct);
        // Trust roles first at the trust, school roles first in a school: the ones this page can change.
        var order = kind == OrganisationKind.Trust ? Roles.TrustRoles.Concat(Roles.SchoolRoles) : Roles.SchoolRoles.Concat(Roles.TrustRoles);
        return new PermissionTable(orgId, kind, order.Select(r => Describe(r, orgId, kind, trustId, settings)).ToList());
    }

    public async Task<RolePermissions> RoleAsync(Guid orgId, Role role, CancellationToken ct = default)
    {
        var (kind, trustId, settings) = await LoadAsync(orgId, ct);
        return Describe(role, orgId, kind, trustId, settings);
    }

    public static bool CanAdjust(OrganisationKind kind, Role role) => kind == OrganisationKind.Trust || !role.IsTrustRole();

    /// <summary>
    /// Writes this organisation's settings for one role: Grant or Revoke set it, Inherit removes it. The reason goes to the
    /// audit trail. Nobody changes a role they hold; a change that would give the role a sensitive permission it lacks
    /// here waits for a second person (<see cref="ConfirmAsync"/>) while the rest takes effect now.
    /// </summary>
    public async Task<Outcome> SetAsync(Guid orgId, Role role, IReadOnlyDictionary<Permission, PermissionChoice> choices, string? reason, CancellationToken ct = default)
    {
        var (kind, trustId, settings) = await LoadAsync(orgId, ct);
        if (!CanAdjust(kind, role)) return Outcome.Refused("", "Trust roles can only be adjusted by the trust");
        var existing = await db.RolePermissionSettings.Where(s => s.OrganisationId == orgId && s.Role == role).ToListAsync(ct);

        var wanted = choices.ToDictionary(c => c.Key, c => c.Value switch { PermissionChoice.Grant => true, PermissionChoice.Revoke => false, _ => (bool?)null });
        var changes = wanted.Where(w => existing.FirstOrDefault(s => s.Permission == w.Key)?.Granted != w.Value).ToList();
        if (changes.Count == 0) return Outcome.Done;
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Refused("Reason", "Enter why you are changing what this role can do");

        var today = UkTime.Today(clock);
        var orphaned = await ManageRolesGuard.OrphanedByAsync(db, orgId, today, adjust: all => WithChanges(all, orgId, role, changes), ct: ct);
        if (orphaned.Count > 0)
            return Outcome.Refused(nameof(Permission.ManageRoles),
                $"Nobody would be left who can give and remove roles at {string.Join(" and ", orphaned)}. Keep \"{Permission.ManageRoles.Title()}\" for {role.Title().ToLowerInvariant()}, or give it to another role first");
        if ((await RolesOfAsync(orgId, trustId, db.Audit.ActorUserId, ct)).Contains(role))
            return Outcome.Refused("", $"You are {role.Title().ToLowerInvariant()} yourself, so someone else who can give roles must change what this role can do");

        var waiting = await WaitingAsync(orgId, ct);
        var before = AccessService.Effective(role, orgId, trustId, settings);
        foreach (var (permission, granted) in changes)
        {
            var widens = !before.Contains(permission) && AccessService.Effective(role, orgId, trustId, WithChanges(settings, orgId, role, [new(permission, granted)])).Contains(permission);
            if (db.Audit.ActorUserId is not null && widens && Permissions.NeedSecondPerson.Contains(permission))
            {
                if (!waiting.Any(w => w.Role == role && w.Permission == permission))
                    db.RolePermissionRequests.Add(new RolePermissionRequest
                    {
                        Id = Guid.NewGuid(), OrganisationId = orgId, Role = role, Permission = permission, Granted = granted, Reason = reason.Trim(),
                        RequestedByUserId = db.Audit.ActorUserId, RequestedByName = db.Audit.ActorName, RequestedAt = clock.GetUtcNow(), State = RequestState.Waiting,
                    });
                continue;
            }
            Apply(existing, orgId, role, permission, granted);
        }
        db.Audit.Reason = reason.Trim();
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Sensitive permissions asked for roles here and not yet confirmed or refused, oldest first.</summary>
    public async Task<IReadOnlyList<RolePermissionRequest>> WaitingAsync(Guid orgId, CancellationToken ct = default) =>
        await db.RolePermissionRequests.AsNoTracking().Where(r => r.OrganisationId == orgId && r.State == RequestState.Waiting)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct);

    /// <summary>
    /// The roles the acting person holds anywhere a setting of this organisation reaches: here, at its trust, or (at a
    /// trust) in its schools. They may not change these roles, nor confirm what was asked for them.
    /// </summary>
    public async Task<IReadOnlySet<Role>> ActorRolesAsync(Guid orgId, CancellationToken ct = default) =>
        await RolesOfAsync(orgId, (await LoadAsync(orgId, ct)).TrustId, db.Audit.ActorUserId, ct);

    /// <summary>Why this person may not confirm the request, or null when they may: they did not ask for it and do not hold the role.</summary>
    public async Task<string?> ConfirmProblemAsync(RolePermissionRequest request, Guid? userId, CancellationToken ct = default)
    {
        if (request.RequestedByUserId == userId) return "You asked for this, so someone else who can give roles must confirm it";
        var roles = await RolesOfAsync(request.OrganisationId, (await LoadAsync(request.OrganisationId, ct)).TrustId, userId, ct);
        return roles.Contains(request.Role) ? $"You are {request.Role.Title().ToLowerInvariant()} yourself, so someone else who can give roles must confirm this" : null;
    }

    private async Task<IReadOnlySet<Role>> RolesOfAsync(Guid orgId, Guid? trustId, Guid? userId, CancellationToken ct)
    {
        if (userId is not { } actor) return new HashSet<Role>();
        var today = UkTime.Today(clock);
        var reach = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == orgId || o.TrustId == orgId).Select(o => o.Id).ToListAsync(ct);
        if (trustId is { } t) reach.Add(t);
        return (await db.RoleAssignments.IgnoreQueryFilters()
            .Where(r => reach.Contains(r.OrganisationId) && r.StaffMember!.UserId == actor && (r.StaffMember.LeavingDate == null || r.StaffMember.LeavingDate > today))
            .Select(r => r.Role).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>A second person confirms a waiting request: the permission takes effect, with both people in the audit trail.</summary>
    public async Task<Outcome> ConfirmAsync(Guid orgId, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.RolePermissionRequests.FirstOrDefaultAsync(r => r.OrganisationId == orgId && r.Id == requestId, ct);
        if (request is null) return Outcome.NotFound;
        if (request.State != RequestState.Waiting) return Outcome.Refused("", "This has already been confirmed or refused");
        if (await ConfirmProblemAsync(request, db.Audit.ActorUserId, ct) is { } problem) return Outcome.Refused("", problem);

        var existing = await db.RolePermissionSettings.Where(s => s.OrganisationId == orgId && s.Role == request.Role).ToListAsync(ct);
        Apply(existing, orgId, request.Role, request.Permission, request.Granted);
        Decide(request, RequestState.Confirmed);
        db.Audit.Reason = $"{request.Reason} (asked by {request.RequestedByName} on {UkTime.Format(request.RequestedAt)}; confirmed by {db.Audit.ActorName})";
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Refuses a waiting request (or, by the person who asked, withdraws it): nothing changes but the request.</summary>
    public async Task<Outcome> RefuseAsync(Guid orgId, Guid requestId, CancellationToken ct = default)
    {
        var request = await db.RolePermissionRequests.FirstOrDefaultAsync(r => r.OrganisationId == orgId && r.Id == requestId, ct);
        if (request is null) return Outcome.NotFound;
        if (request.State != RequestState.Waiting) return Outcome.Refused("", "This has already been confirmed or refused");
        Decide(request, RequestState.Refused);
        db.Audit.Reason = request.RequestedByUserId == db.Audit.ActorUserId
            ? $"Withdrawn by {db.Audit.ActorName}, who asked for it"
            : $"Refused by {db.Audit.ActorName}; asked by {request.RequestedByName} on {UkTime.Format(request.RequestedAt)}";
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private void Decide(RolePermissionRequest request, RequestState state) =>
        (request.State, request.DecidedByUserId, request.DecidedByName, request.DecidedAt) = (state, db.Audit.ActorUserId, db.Audit.ActorName, clock.GetUtcNow());

    private void Apply(List<RolePermissionSetting> existing, Guid orgId, Role role, Permission permission, bool? granted)
    {
        var current = existing.FirstOrDefault(s => s.Permission == permission);
        if (granted is null) { if (current is not null) db.RolePermissionSettings.Remove(current); }
        else if (current is not null) current.Granted = granted.Value;
        else db.RolePermissionSettings.Add(new RolePermissionSetting { Id = Guid.NewGuid(), OrganisationId = orgId, Role = role, Permission = permission, Granted = granted.Value });
    }

    /// <summary>The settings as they would be with these changes to one role's settings here.</summary>
    private static IEnumerable<RolePermissionSetting> WithChanges(IEnumerable<RolePermissionSetting> all, Guid orgId, Role role, IReadOnlyList<KeyValuePair<Permission, bool?>> changes) =>
        all.Where(s => !(s.OrganisationId == orgId && s.Role == role && changes.Any(c => c.Key == s.Permission)))
            .Concat(changes.Where(c => c.Value is not null).Select(c => new RolePermissionSetting
                { OrganisationId = orgId, Role = role, Permission = c.Key, Granted = c.Value!.Value }));

    private static RolePermissions Describe(Role role, Guid orgId, OrganisationKind kind, Guid? trustId, IReadOnlyList<RolePermissionSetting> settings)
    {
        var effective = AccessService.Effective(role, orgId, trustId, settings);
        var own = settings.Where(s => s.OrganisationId == orgId).ToList();
        var inherited = kind == OrganisationKind.Trust
            ? DefaultPermissions.For(role)
            : AccessService.Effective(role, orgId, trustId, settings.Where(s => s.OrganisationId != orgId));
        var cells = Enum.GetValues<Permission>().Select(p =>
        {
            var trustSet = trustId is not null && settings.Any(s => s.OrganisationId == trustId && s.Role == role && s.Permission == p);
            var inheritedFrom = trustSet ? GrantSource.Trust : GrantSource.Default;
            var source = own.Any(s => s.Role == role && s.Permission == p)
                ? (kind == OrganisationKind.Trust ? GrantSource.Trust : GrantSource.School)
                : inheritedFrom;
            return new PermissionCell(p, effective.Contains(p), source, inherited.Contains(p), inheritedFrom);
        }).ToList();
        return new RolePermissions(role, CanAdjust(kind, role), cells);
    }

    private async Task<(OrganisationKind Kind, Guid? TrustId, IReadOnlyList<RolePermissionSetting> Settings)> LoadAsync(Guid orgId, CancellationToken ct)
    {
        // The trust's settings shape a school's roles but sit outside a school member's scope; both organisations are named.
        var org = await db.Organisations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == orgId).Select(o => new { o.Kind, o.TrustId }).FirstAsync(ct);
        var settings = await db.RolePermissionSettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.OrganisationId == orgId || s.OrganisationId == org.TrustId).ToListAsync(ct);
        return (org.Kind, org.TrustId, settings);
    }
}
