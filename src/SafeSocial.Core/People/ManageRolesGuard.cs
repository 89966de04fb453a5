using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.People;

/// <summary>A role held by someone who has not left, as the guard sees it.</summary>
internal sealed record Holding(Guid AssignmentId, Guid StaffMemberId, Guid OrganisationId, Role Role);

/// <summary>
/// Refuses a change that would leave a school (or trust) with nobody who can give roles, because then
/// nobody could put it right. Trust roles count in the trust's schools, as they do for access.
/// </summary>
internal static class ManageRolesGuard
{
    /// <returns>The names of the organisations that would lose their last person able to give roles.</returns>
    public static async Task<IReadOnlyList<string>> OrphanedByAsync(SafeSocialDb db, Guid orgId, DateOnly today,
        Func<Holding, bool>? drop = null,
        Func<IReadOnlyList<RolePermissionSetting>, IEnumerable<RolePermissionSetting>>? adjust = null,
        CancellationToken ct = default)
    {
        // The guard must see trust-wide holders a school's own scope hides; every query names its organisations.
        var orgs = await db.Organisations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Id == orgId || o.TrustId == orgId)
            .Select(o => new { o.Id, o.Name, o.TrustId }).ToListAsync(ct);
        var ids = orgs.Select(o => o.Id).Concat(orgs.Where(o => o.TrustId != null).Select(o => o.TrustId!.Value)).Distinct().ToList();
        var holdings = await db.RoleAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(r => ids.Contains(r.OrganisationId) && (r.StaffMember!.LeavingDate == null || r.StaffMember.LeavingDate > today))
            .Select(r => new Holding(r.Id, r.StaffMemberId, r.OrganisationId, r.Role)).ToListAsync(ct);
        var settings = await db.RolePermissionSettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.OrganisationId)).ToListAsync(ct);

        var afterHoldings = drop is null ? holdings : holdings.Where(h => !drop(h)).ToList();
        var afterSettings = adjust is null ? settings : adjust(settings).ToList();
        return orgs
            .Where(o => CanManage(o.Id, o.TrustId, holdings, settings) && !CanManage(o.Id, o.TrustId, afterHoldings, afterSettings))
            .Select(o => o.Name).ToList();
    }

    private static bool CanManage(Guid orgId, Guid? trustId, IEnumerable<Holding> holdings, IReadOnlyList<RolePermissionSetting> settings) =>
        holdings.Where(h => h.OrganisationId == orgId || h.OrganisationId == trustId)
            .Select(h => h.Role).Distinct()
            .Any(role => AccessService.Effective(role, orgId, trustId, settings).Contains(Permission.ManageRoles));

    public static string Explain(IReadOnlyList<string> orphaned) =>
        $"Nobody would be left who can give and remove roles at {string.Join(" and ", orphaned)}. Give someone else that first";
}
