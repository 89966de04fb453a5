using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Accounts.Custody;

/// <summary>
/// Custody notices whose email was given up on: on the dashboard of those concerned with accounts for a fortnight, so
/// someone tells those people another way (the account page keeps the full record).
/// </summary>
public sealed class UndeliveredNotices(SafeSocialDb db, TimeProvider clock)
{
    public static readonly TimeSpan Shown = TimeSpan.FromDays(14);

    public async Task<IReadOnlyList<AttentionItem>> ForAsync(Membership m, IReadOnlyCollection<Guid> orgIds, CancellationToken ct = default)
    {
        if (!EmergencyAccessFlags.Concerned.Any(m.Permissions.Contains)) return [];
        var since = clock.GetUtcNow() - Shown;
        var rows = await db.CustodyNotices.AsNoTracking()
            .Where(n => orgIds.Contains(n.OrganisationId) && n.EmailState == CustodyEmailState.GaveUp && n.OccurredAt >= since)
            .Join(db.OfficialAccounts, n => n.OfficialAccountId, a => a.Id, (n, a) => new { n.OrganisationId, n.OfficialAccountId, a.Handle, n.Event, n.ActorName, n.OccurredAt, n.RecipientName })
            .OrderBy(n => n.OccurredAt)
            .ToListAsync(ct);
        // One item an action: its notices share the account, the person acting and the moment.
        return rows.GroupBy(r => (r.OrganisationId, r.OfficialAccountId, r.Handle, r.Event, r.ActorName, r.OccurredAt)).Select(g =>
        {
            var names = g.Select(r => r.RecipientName).Distinct().ToList();
            var who = names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
            var (k, when) = (g.Key, UkTime.Format(g.Key.OccurredAt));
            return new AttentionItem("Not told", "govuk-tag--orange",
                $"{k.Handle}: the email telling {who} that {k.ActorName} {CustodyEvents.Describe(k.Event)} on {when} could not be delivered. Tell them another way",
                $"/o/{k.OrganisationId}/accounts/{k.OfficialAccountId}#custody-notices");
        }).ToList();
    }
}
