using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Policy;

/// <summary>The people a policy names, from who holds each role today.</summary>
public sealed record KeyPeople(IReadOnlyList<string> Headteachers, IReadOnlyList<string> SafeguardingLeads,
    IReadOnlyList<string> DeputySafeguardingLeads, IReadOnlyList<string> NamedGovernors)
{
    public static string Join(IEnumerable<string> names) => string.Join(", ", names);

    /// <summary>True when the version names the same people as hold the roles now.</summary>
    public bool Match(PolicyVersion v) =>
        Join(Headteachers) == v.Headteachers && Join(SafeguardingLeads) == v.SafeguardingLeads
        && Join(DeputySafeguardingLeads) == v.DeputySafeguardingLeads && Join(NamedGovernors) == v.NamedGovernor;
}

/// <summary>A new version (or annual review) as the person recording it entered it.</summary>
/// <param name="ReviewCycleMonths">A cycle for this version only; null follows the school's policy settings.</param>
public sealed record NewPolicyVersion(DateOnly DateWritten, string RatifiedBy, DateOnly RatifiedOn, int? ReviewCycleMonths, string? Notes);

/// <summary>A school's policy as its page shows it: the current version, its history, and when the next review is due.</summary>
public sealed record PolicyOverview(PolicyVersion? Current, IReadOnlyList<PolicyVersion> History, EffectivePolicySettings Settings,
    KeyPeople PeopleNow, DateOnly Today)
{
    public DateOnly? ReviewDue => Current?.ReviewDue(Settings.ReviewCycleMonths);
    public ReviewUrgency? Urgency => ReviewDue is { } due ? PolicyReview.Urgency(due, Today) : null;
}

/// <summary>One school's current policy as its trust's policy page lists it.</summary>
public sealed record SchoolPolicyStatus(Guid SchoolId, string SchoolName, int? Version, DateOnly? ReviewDue, ReviewUrgency? Urgency);

/// <summary>Records versions of a school's policy and works out their review dates.</summary>
public sealed class PolicyVersionService(SafeSocialDb db, PolicySettingsService settings, TimeProvider clock)
{
    public async Task<PolicyOverview> OverviewAsync(Guid organisationId, CancellationToken ct = default)
    {
        var history = await db.PolicyVersions.AsNoTracking()
            .Where(p => p.OrganisationId == organisationId)
            .OrderByDescending(p => p.Version)
            .ToListAsync(ct);
        return new PolicyOverview(history.FirstOrDefault(), history, await settings.EffectiveForAsync(organisationId, ct),
            await KeyPeopleAsync(organisationId, ct), UkTime.Today(clock));
    }

    public async Task<IReadOnlyList<SchoolPolicyStatus>> SchoolsOfTrustAsync(Guid trustId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var schools = await db.Organisations.Where(o => o.TrustId == trustId).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var ids = schools.Select(s => s.Id).ToList();
        var current = await db.PolicyVersions.AsNoTracking()
            .Where(p => ids.Contains(p.OrganisationId) && !db.PolicyVersions.Any(q => q.OrganisationId == p.OrganisationId && q.Version > p.Version))
            .ToDictionaryAsync(p => p.OrganisationId, ct);
        var cycles = await settings.EffectiveForManyAsync(ids, ct);
        return schools.Select(s =>
        {
            var due = current.GetValueOrDefault(s.Id)?.ReviewDue(cycles[s.Id].ReviewCycleMonths);
            return new SchoolPolicyStatus(s.Id, s.Name, current.GetValueOrDefault(s.Id)?.Version, due, due is { } d ? PolicyReview.Urgency(d, today) : null);
        }).ToList();
    }

    public async Task<KeyPeople> KeyPeopleAsync(Guid organisationId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        Role[] named = [Role.Headteacher, Role.DesignatedSafeguardingLead, Role.DeputyDesignatedSafeguardingLead, Role.Governor];
        var holders = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.OrganisationId == organisationId && named.Contains(r.Role)
                && (r.StaffMember!.LeavingDate == null || r.StaffMember.LeavingDate > today))
            .Select(r => new { r.Role, r.IsNamedOnlineSafetyGovernor, r.StaffMember!.FirstName, r.StaffMember.LastName })
            .ToListAsync(ct);
        List<string> Holding(Role role, bool namedGovernorOnly = false) => holders
            .Where(h => h.Role == role && (!namedGovernorOnly || h.IsNamedOnlineSafetyGovernor))
            .OrderBy(h => h.LastName).ThenBy(h => h.FirstName)
            .Select(h => $"{h.FirstName} {h.LastName}").Distinct().ToList();
        return new KeyPeople(Holding(Role.Headteacher), Holding(Role.DesignatedSafeguardingLead),
            Holding(Role.DeputyDesignatedSafeguardingLead), Holding(Role.Governor, namedGovernorOnly: true));
    }

    /// <summary>When a version recorded now would next be due for review.</summary>
    public async Task<DateOnly> NextReviewDueAsync(Guid organisationId, DateOnly written, DateOnly ratified, int? cycleMonths, CancellationToken ct = default) =>
        new PolicyVersion { DateWritten = written, RatifiedOn = ratified }
            .ReviewCountsFrom.AddMonths(cycleMonths ?? (await settings.EffectiveForAsync(organisationId, ct)).ReviewCycleMonths);

    /// <summary>Saves the next version, naming today's role holders in it; the audit entry carries what changed as its reason.</summary>
    public async Task<PolicyVersion> RecordAsync(Guid organisationId, NewPolicyVersion input, CancellationToken ct = default)
    {
        var people = await KeyPeopleAsync(organisationId, ct);
        var latest = await db.PolicyVersions.Where(p => p.OrganisationId == organisationId).MaxAsync(p => (int?)p.Version, ct) ?? 0;
        var version = new PolicyVersion
        {
            Id = Guid.NewGuid(), OrganisationId = organisationId, Version = latest + 1,
            DateWritten = input.DateWritten, RatifiedBy = input.RatifiedBy.Trim(), RatifiedOn = input.RatifiedOn,
            ReviewCycleMonths = input.ReviewCycleMonths,
            NextReviewDue = await NextReviewDueAsync(organisationId, input.DateWritten, input.RatifiedOn, input.ReviewCycleMonths, ct),
            Headteachers = KeyPeople.Join(people.Headteachers),
            SafeguardingLeads = KeyPeople.Join(people.SafeguardingLeads),
            DeputySafeguardingLeads = KeyPeople.Join(people.DeputySafeguardingLeads),
            NamedGovernor = KeyPeople.Join(people.NamedGovernors),
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
        };
        db.PolicyVersions.Add(version);
        db.Audit.Reason ??= version.Notes;
        await db.SaveChangesAsync(ct);
        return version;
    }
}
