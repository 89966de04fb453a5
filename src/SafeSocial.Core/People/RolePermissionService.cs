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

    /// <summary>Writes this organisation's settings for one role: Grant or Revoke set it, Inherit removes it. The reason goes to the audit trail.</summary>
    public async Task<Outcome> SetAsync(Guid orgId, Role role, IReadOnlyDictionary<Permission, PermissionChoice> choices, string? reason, CancellationToken ct = default)
    {
        var (kind, _, _) = await LoadAsync(orgId, ct);
        if (!CanAdjust(kind, role)) return Outcome.Refused("", "Trust roles can only be adjusted by the trust");
        var existing = await db.RolePermissionSettings.Where(s => s.OrganisationId == orgId && s.Role == role).ToListAsync(ct);

        var wanted = choices.ToDictionary(c => c.Key, c => c.Value switch { PermissionChoice.Grant => true, PermissionChoice.Revoke => false, _ => (bool?)null });
        var changes = wanted.Where(w => existing.FirstOrDefault(s => s.Permission == w.Key)?.Granted != w.Value).ToList();
        if (changes.Count == 0) return Outcome.Done;
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Refused("Reason", "Enter why you are changing what this role can do");

        var today = UkTime.Today(clock);
        var orphaned = await ManageRolesGuard.OrphanedByAsync(db, orgId, today, adjust: all => all
            .Where(s => !(s.OrganisationId == orgId && s.Role == role && choices.ContainsKey(s.Permission)))
            .Concat(choices.Where(c => c.Value != PermissionChoice.Inherit).Select(c => new RolePermissionSetting
                { OrganisationId = orgId, Role = role, Permission = c.Key, Granted = c.Value == PermissionChoice.Grant })), ct: ct);
        if (orphaned.Count > 0)
            return Outcome.Refused(nameof(Permission.ManageRoles),
                $"Nobody would be left who can give and remove roles at {string.Join(" and ", orphaned)}. Keep \"{Permission.ManageRoles.Title()}\" for {role.Title().ToLowerInvariant()}, or give it to another role first");

        foreach (var (permission, granted) in changes)
        {
            var current = existing.FirstOrDefault(s => s.Permission == permission);
            if (granted is null) db.RolePermissionSettings.Remove(current!);
            else if (current is not null) current.Granted = granted.Value;
            else db.RolePermissionSettings.Add(new RolePermissionSetting { Id = Guid.NewGuid(), OrganisationId = orgId, Role = role, Permission = permission, Granted = granted.Value });
        }
        db.Audit.Reason = reason.Trim();
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

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
