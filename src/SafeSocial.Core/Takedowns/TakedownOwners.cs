using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Takedowns;

/// <summary>Someone who may own a school's takedowns: a current member of the school or its trust who may manage them there.</summary>
public sealed record TakedownOwnerOption(Guid StaffMemberId, string Name, string? Email, IReadOnlyList<Role> Roles);

/// <summary>Who can own a school's takedown tasks, and who owns a new one.</summary>
public sealed class TakedownOwners(SafeSocialDb db, TimeProvider clock)
{
    /// <summary>
    /// Staff holding a role in the school or its trust that carries "take down images" there, after the trust's
    /// and the school's permission settings: an owner must be able to open the task to close it.
    /// </summary>
    public async Task<IReadOnlyList<TakedownOwnerOption>> CandidatesAsync(Guid schoolId, CancellationToken ct = default) =>
        (await RankedAsync(schoolId, ct)).Select(c => c.Option).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>
    /// The head of communications covering the school (the school's own before the trust's), else the headteacher;
    /// null when neither may manage takedowns there.
    /// </summary>
    public async Task<Guid?> DefaultOwnerAsync(Guid schoolId, CancellationToken ct = default) =>
        (await RankedAsync(schoolId, ct)).Where(c => c.Rank < int.MaxValue).OrderBy(c => c.Rank).ThenBy(c => c.SortName, StringComparer.Ordinal)
            .ThenBy(c => c.Option.StaffMemberId).Select(c => (Guid?)c.Option.StaffMemberId).FirstOrDefault();

    private sealed record Ranked(TakedownOwnerOption Option, int Rank, string SortName);

    private async Task<List<Ranked>> RankedAsync(Guid schoolId, CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        var trustId = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == schoolId).Select(o => o.TrustId).SingleOrDefaultAsync(ct);
        Guid[] layers = trustId is { } t ? [schoolId, t] : [schoolId];
        // Trust roles cover the school, so the trust's people are read past the filter: only those of this school's own trust.
        var held = await db.RoleAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(r => layers.Contains(r.OrganisationId) && (r.StaffMember!.LeavingDate == null || r.StaffMember.LeavingDate > today))
            .Select(r => new { r.StaffMemberId, r.Role, r.OrganisationId, r.StaffMember!.FirstName, r.StaffMember.LastName, r.StaffMember.Email })
            .ToListAsync(ct);
        var settings = await db.RolePermissionSettings.IgnoreQueryFilters().AsNoTracking().Where(s => layers.Contains(s.OrganisationId)).ToListAsync(ct);
        var allowed = held.Where(h => AccessService.Effective(h.Role, schoolId, trustId, settings).Contains(Permission.ManageTakedowns)).ToList();
        return allowed.GroupBy(h => h.StaffMemberId).Select(g =>
        {
            var first = g.First();
            var rank = g.Min(h => h.Role switch
            {
                Role.HeadOfCommunications when h.OrganisationId == schoolId => 0,
                Role.HeadOfCommunications => 1,
                Role.Headteacher => 2,
                _ => int.MaxValue,
            });
            var option = new TakedownOwnerOption(g.Key, $"{first.FirstName} {first.LastName}", first.Email, g.Select(h => h.Role).Distinct().Order().ToList());
            return new Ranked(option, rank, $"{first.LastName} {first.FirstName}");
        }).ToList();
    }
}
