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

    /// <summary>
    /// How long a notice taken for a try is left to the server sending it: longer than a send can take (the SMTP client
    /// gives up after 100 seconds), so no other try sends it meanwhile; if that server stopped mid-send, a retry takes it after.
    /// </summary>
    public static readonly TimeSpan SendingLease = TimeSpan.FromMinutes(10);

    /// <summary>Waiting notices whose next try has come, oldest first: each is then claimed before it is sent.</summary>
    public Task<List<Guid>> DueAsync(int max, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return Waiting().Where(n => n.NextEmailAt <= now).OrderBy(n => n.OccurredAt).Take(max).Select(n => n.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Takes the notice for one try, or null when it is not this try's to send: already sent, or taken by another try
    /// (the retries on any server, or the try made at once, which may wait behind other emails). The notice is locked
    /// while it is checked and its next try moved past <see cref="SendingLease"/>, so two tries never both take it.
    /// </summary>
    /// <param name="firstTry">The try made at once after the action: it may go while no other try has taken the notice, even
    /// once the retries could; the retries may go only when the next try has come.</param>
    public async Task<DueNotice?> ClaimAsync(Guid id, bool firstTry, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var notice = await db.CustodyNotices.FromSql($"""SELECT * FROM "CustodyNotices" WHERE "Id" = {id} FOR UPDATE""").IgnoreQueryFilters().SingleOrDefaultAsync(ct);
        if (notice is not { EmailState: CustodyEmailState.Pending, RecipientEmail: not null, NextEmailAt: { } next }) return null;
        // Untaken, a notice's next try is still the one set when it was written; taking it moves that further on.
        var free = firstTry ? notice.EmailAttempts == 0 && next <= notice.OccurredAt + FirstRetryAfter : next <= now;
        if (!free) return null;
        notice.NextEmailAt = now + SendingLease;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var account = await db.OfficialAccounts.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == notice.OfficialAccountId, ct);
        return new DueNotice(notice, account);
    }

    /// <summary>Records the try of a claimed notice, by its id (the try made at once records from another unit of work).</summary>
    public async Task RecordAsync(Guid id, Exception? failure, CancellationToken ct = default)
    {
        if (await Waiting().SingleOrDefaultAsync(n => n.Id == id, ct) is { } notice) await RecordAsync(notice, failure, ct);
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
}
