using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Accounts.Custody;

/// <summary>
/// Records who is told of a reveal, change or emergency access: one <see cref="CustodyNotice"/> per person, added to the
/// unit of work of the action itself so both are saved together or not at all. The caller emails them once saved, and
/// <see cref="CustodyNoticeDelivery"/> keeps trying those whose email did not go.
/// </summary>
public sealed class CustodyNotices(SafeSocialDb db, AccountCustody custody, TimeProvider clock)
{
    /// <summary>Adds the notices for the event (the caller's save writes them with the action).</summary>
    public async Task<IReadOnlyList<CustodyNotice>> AddAsync(Guid orgId, Guid accountId, CustodyEvent what, string? reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var recipients = await custody.RecipientsAsync(orgId, accountId, what, db.Audit.ActorUserId, ct);
        var notices = recipients.Select(r => new CustodyNotice
        {
            Id = Guid.CreateVersion7(), OrganisationId = orgId, OfficialAccountId = accountId, Event = what, OccurredAt = now,
            ActorName = db.Audit.ActorName, ActorUserId = db.Audit.ActorUserId, Reason = reason,
            RecipientStaffMemberId = r.StaffMemberId, RecipientName = r.Name, RecipientEmail = r.Email, RecipientCapacity = r.Capacity,
            EmailState = string.IsNullOrWhiteSpace(r.Email) ? CustodyEmailState.NoAddress : CustodyEmailState.Pending,
            NextEmailAt = string.IsNullOrWhiteSpace(r.Email) ? null : now + CustodyNoticeDelivery.FirstRetryAfter,
        }).ToList();
        db.CustodyNotices.AddRange(notices);
        return notices;
    }

    /// <summary>The latest notices about an account, newest first.</summary>
    public Task<List<CustodyNotice>> RecentAsync(Guid orgId, Guid accountId, int count, CancellationToken ct = default) =>
        db.CustodyNotices.AsNoTracking().Where(n => n.OrganisationId == orgId && n.OfficialAccountId == accountId)
            .OrderByDescending(n => n.OccurredAt).Take(count).ToListAsync(ct);
}
