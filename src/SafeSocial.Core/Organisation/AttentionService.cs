using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Organisation;

public sealed record AttentionItem(string Tag, string TagClass, string Text, string? Href);
public sealed record OrganisationCounts(int Pupils, int Parents, int Staff);

/// <summary>What a person's home page lists as needing attention, for the roles they hold there.</summary>
public sealed class AttentionService(SafeSocialDb db, TimeProvider clock, PolicySettingsService policySettings)
{
    public async Task<IReadOnlyList<AttentionItem>> ForAsync(Membership m, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var items = new List<AttentionItem>();
        var orgIds = await CoveredAsync(db, m, ct);
        var current = await db.PolicyVersions.AsNoTracking()
            .Where(p => orgIds.Contains(p.OrganisationId) && !db.PolicyVersions.Any(q => q.OrganisationId == p.OrganisationId && q.Version > p.Version))
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { o.Id, o.Name, Version = p })
            .ToListAsync(ct);
        // A version that follows the settings' review cycle is due by the cycle in force now (a trust may change it).
        var cycles = await policySettings.EffectiveForManyAsync(current.Select(r => r.Id).ToList(), ct);
        var reviews = current.Select(r => new { r.Id, r.Name, NextReviewDue = r.Version.ReviewDue(cycles[r.Id].ReviewCycleMonths) }).ToList();
        foreach (var r in reviews.OrderBy(r => r.NextReviewDue))
        {
            var urgency = PolicyReview.Urgency(r.NextReviewDue, today);
            if (urgency == ReviewUrgency.NotDue) continue;
            var (tag, css) = PolicyReview.Tag(urgency);
            var text = PolicyReview.Describe(r.NextReviewDue, today) + (orgIds.Count > 1 ? $" ({r.Name})" : "");
            items.Add(new AttentionItem(tag, css, text, $"/o/{r.Id}/policy"));
        }
        if (m.Kind == OrganisationKind.School && reviews.Count == 0)
            items.Add(new AttentionItem("Missing", "govuk-tag--red", "No social media policy has been recorded for this school", $"/o/{m.OrganisationId}/policy"));
        if (m.Permissions.Contains(Permission.ManagePeople) && await WithoutSignInAsync(m.OrganisationId, today, ct) is > 0 and var waiting)
            items.Add(new AttentionItem("To do", "govuk-tag--grey",
                waiting == 1 ? "1 person with a role cannot sign in yet: invite them" : $"{waiting} people with a role cannot sign in yet: invite them",
                $"/o/{m.OrganisationId}/staff"));
        items.AddRange(await new Accounts.AccountReminders(db, policySettings, clock).AttentionAsync(m, orgIds, ct));
        items.AddRange(await new Accounts.Custody.EmergencyAccessFlags(db).ForAsync(m, orgIds, ct));
        items.AddRange(await new Accounts.Custody.UndeliveredNotices(db, clock).ForAsync(m, orgIds, ct));
        return items;
    }

    /// <summary>What a home page covers: a trust's people see every school's items; a school's people see their own.</summary>
    public static async Task<List<Guid>> CoveredAsync(SafeSocialDb db, Membership m, CancellationToken ct) => m.Kind == OrganisationKind.Trust
        ? await db.Organisations.Where(o => o.TrustId == m.OrganisationId || o.Id == m.OrganisationId).Select(o => o.Id).ToListAsync(ct)
        : [m.OrganisationId];

    /// <summary>Current staff here who hold a role but have no sign-in and no invitation still open.</summary>
    private Task<int> WithoutSignInAsync(Guid orgId, DateOnly today, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.StaffMembers.CountAsync(s => s.OrganisationId == orgId && s.UserId == null
            && (s.LeavingDate == null || s.LeavingDate > today)
            && db.RoleAssignments.Any(r => r.StaffMemberId == s.Id)
            && !db.StaffInvitations.Any(i => i.StaffMemberId == s.Id && i.AcceptedAt == null && i.ExpiresAt > now), ct);
    }

    public async Task<OrganisationCounts> CountsAsync(Guid orgId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var schoolIds = await db.Organisations.Where(o => o.Id == orgId || o.TrustId == orgId).Select(o => o.Id).ToListAsync(ct);
        return new OrganisationCounts(
            await db.Pupils.CountAsync(p => schoolIds.Contains(p.OrganisationId) && (p.LeavingDate == null || p.LeavingDate > today), ct),
            await db.Parents.CountAsync(p => schoolIds.Contains(p.OrganisationId), ct),
            await db.StaffMembers.CountAsync(s => schoolIds.Contains(s.OrganisationId) && (s.LeavingDate == null || s.LeavingDate > today), ct));
    }
}
