using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Organisation;

/// <summary>
/// Works out where a person may act: their school roles, plus their trust roles in the trust and every
/// school of it, each role's permissions adjusted by the trust's then the school's policy settings.
/// </summary>
/// Every signed-in request asks, so the answer is remembered briefly: <see cref="AccessChanges"/> forgets it
/// the moment this process saves a change to roles, permissions, staff or organisations.
public sealed class AccessService(SafeSocialDb db, TimeProvider clock, IMemoryCache? cache = null)
{
    /// <summary>How stale an answer may be when another instance made the change (this one forgets at once).</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(15);

    public async Task<PersonAccess> ForUserAsync(Guid userId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        if (cache is null) return await LoadAsync(userId, today, ct);
        var key = (nameof(AccessService), userId, today, AccessChanges.Generation);
        if (cache.TryGetValue(key, out PersonAccess? known)) return known!;
        var access = await LoadAsync(userId, today, ct);
        cache.Set(key, access, RememberFor);
        return access;
    }

    private async Task<PersonAccess> LoadAsync(Guid userId, DateOnly today, CancellationToken ct)
    {
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
