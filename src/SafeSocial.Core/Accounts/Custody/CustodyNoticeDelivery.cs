using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Accounts.Custody;

/// <summary>A notice whose email is due, with the account it is about (to write the email).</summary>
public sealed record DueNotice(CustodyNotice Notice, OfficialAccount Account);

/// <summary>
/// Keeps custody notices' emails from being lost: which are due a try (at once after the action, then again with a
/// growing wait), and what each try came to. After <see cref="MaxAttempts"/> failures a notice is given up on and the
/// account page says so. Each record is an audited change to the notice, made as system work by the caller.
/// </summary>
public sealed class CustodyNoticeDelivery(SafeSocialDb db, TimeProvider clock)
{
    public const int MaxAttempts = 8;
    public const int ErrorLength = 200;
    /// <summary>The try made at once after the action has this long before the retries may take the notice.</summary>
    public static readonly TimeSpan FirstRetryAfter = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the given number of failed tries: 5 minutes, doubling, at most 6 hours (about 21 hours in all).</summary>
    public static TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromMinutes(Math.Min(5 * Math.Pow(2, Math.Max(0, failedAttempts - 1)), 6 * 60));

    /// <summary>The notices among <paramref name="ids"/> still waiting for their email (the try at once).</summary>
    public Task<List<DueNotice>> WaitingAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        WithAccountsAsync(Waiting().Where(n => ids.Contains(n.Id)), ct);

    /// <summary>Waiting notices whose next try has come, oldest first.</summary>
    public Task<List<DueNotice>> DueAsync(int max, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return WithAccountsAsync(Waiting().Where(n => n.NextEmailAt <= now).OrderBy(n => n.OccurredAt).Take(max), ct);
    }

    /// <summary>Records one try: sent, or failed with a short reason and the time of the next try (or given up).</summary>
    public async Task RecordAsync(CustodyNotice notice, Exception? failure, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        notice.EmailAttempts++;
        if (failure is null)
        {
            (notice.EmailState, notice.EmailedAt, notice.NextEmailAt) = (CustodyEmailState.Sent, now, null);
        }
        else
        {
            var error = $"{failure.GetType().Name}: {failure.Message}";
            notice.LastEmailError = error.Length > ErrorLength ? error[..ErrorLength] : error;
            var givenUp = notice.EmailAttempts >= MaxAttempts;
            notice.EmailState = givenUp ? CustodyEmailState.GaveUp : CustodyEmailState.Pending;
            notice.NextEmailAt = givenUp ? null : now + Backoff(notice.EmailAttempts);
        }
        await db.SaveChangesAsync(ct);
    }

    // Past the organisation filter: the caller is system work that serves every school.
    private IQueryable<CustodyNotice> Waiting() =>
        db.CustodyNotices.IgnoreQueryFilters().Where(n => n.EmailState == CustodyEmailState.Pending && n.RecipientEmail != null);

    private async Task<List<DueNotice>> WithAccountsAsync(IQueryable<CustodyNotice> query, CancellationToken ct)
    {
        var notices = await query.ToListAsync(ct);
        var ids = notices.Select(n => n.OfficialAccountId).Distinct().ToList();
        var accounts = await db.OfficialAccounts.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return notices.Select(n => new DueNotice(n, accounts[n.OfficialAccountId])).ToList();
    }
}
