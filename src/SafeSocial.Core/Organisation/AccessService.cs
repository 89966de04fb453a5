using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Organisation;

/// <summary>
/// Works out where a person may act: their school roles, plus their trust roles in the trust and every
/// school of it, each role's permissions adjusted by the trust's then the school's policy settings.
/// </summary>
public sealed class AccessService(SafeSocialDb db, TimeProvider clock)
{
    public async Task<PersonAccess> ForUserAsync(Guid userId, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var held = await db.RoleAssignments.IgnoreQueryFilters()
            .Where(r => r.StaffMember!.UserId == userId && (r.StaffMember.LeavingDate == null || r.StaffMember.LeavingDate > today))
            .Select(r => new { r.OrganisationId, r.Role })
            .ToListAsync(ct);
        if (held.Count == 0) return PersonAccess.None;

        var heldOrgIds = held.Select(h => h.OrganisationId).Distinct().ToList();
        var orgs = await db.Organisations.IgnoreQueryFilters()
            .Where(o => heldOrgIds.Contains(o.Id) || (o.TrustId != null && heldOrgIds.Contains(o.TrustId.Value)))
            .Select(o => new { o.Id, o.Name, o.Kind, o.TrustId })
            .ToListAsync(ct);
        var settingOrgIds = orgs.Select(o => o.Id).Concat(orgs.Where(o => o.TrustId != null).Select(o => o.TrustId!.Value)).Distinct().ToList();
        var settings = await db.RolePermissionSettings.IgnoreQueryFilters()
            .Where(s => settingOrgIds.Contains(s.OrganisationId))
            .ToListAsync(ct);

        var memberships = orgs.Select(o =>
        {
            var roles = held.Where(h => h.OrganisationId == o.Id || h.OrganisationId == o.TrustId).Select(h => h.Role).ToHashSet();
            var permissions = roles.SelectMany(r => Effective(r, o.Id, o.TrustId, settings)).ToHashSet();
            return new Membership(o.Id, o.Name, o.Kind, o.TrustId, roles, permissions);
        }).OrderBy(m => m.Kind).ThenBy(m => m.OrganisationName).ToList();
        return new PersonAccess(memberships);
    }

    /// <summary>A role's permissions in one organisation: defaults, then the trust's settings, then the school's.</summary>
    public static IReadOnlySet<Permission> Effective(Role role, Guid organisationId, Guid? trustId, IEnumerable<RolePermissionSetting> settings)
    {
        var result = DefaultPermissions.For(role).ToHashSet();
        var relevant = settings.Where(s => s.Role == role).ToList();
        foreach (var layer in new[] { trustId, organisationId })
            foreach (var s in relevant.Where(s => layer != null && s.OrganisationId == layer))
                if (s.Granted) result.Add(s.Permission); else result.Remove(s.Permission);
        return result;
    }
}
