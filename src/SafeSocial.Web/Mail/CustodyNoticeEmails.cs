using Microsoft.AspNetCore.Hosting.Server;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Data;
using SafeSocial.Web.Hosting;

namespace SafeSocial.Web.Mail;

/// <summary>
/// Emails custody notices and records each try on the notice: at once after the action (through the outbox, so the
/// page does not wait), then by <see cref="CustodyNoticeRetryService"/> for any whose email did not go.
/// </summary>
public sealed class CustodyNoticeEmails(IServiceScopeFactory scopes, MailOutbox outbox, IMailSender sender, IConfiguration configuration,
    IServer server, ILogger<CustodyNoticeEmails> log)
{
    public const string ActorName = "SafeSocial custody notice email";
    private const int BatchSize = 100;

    /// <summary>
    /// Queues the saved notices' emails at once; each is claimed when its turn comes (unless a retry sent it meanwhile)
    /// and its try recorded as it ends. The secret is never in them.
    /// </summary>
    public void SendAtOnce(IReadOnlyList<CustodyNotice> notices, string siteRoot)
    {
        foreach (var id in notices.Where(n => n.EmailState == CustodyEmailState.Pending).Select(n => n.Id))
            outbox.Enqueue(ct => ClaimAsync(id, siteRoot, ct), failure => RecordAsync(id, failure));
    }

    /// <summary>Tries again every notice whose next try has come. Returns how many went and how many failed again.</summary>
    public async Task<(int Sent, int Failed)> RetryDueAsync(CancellationToken ct = default)
    {
        var root = (DailyWork.SiteRoot(configuration, server) ?? "").TrimEnd('/');
        using var scope = System(out _);
        var delivery = scope.ServiceProvider.GetRequiredService<CustodyNoticeDelivery>();
        var (sent, failed) = (0, 0);
        foreach (var id in await delivery.DueAsync(BatchSize, ct))
        {
            if (await delivery.ClaimAsync(id, firstTry: false, ct) is not { } due) continue;
            Exception? failure = null;
            try { await sender.SendAsync(CustodyNoticeMail.Compose(due.Notice, due.Account, root), ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e;
                log.LogWarning(e, "Could not email the custody notice {Notice} (try {Try})", due.Notice.Id, due.Notice.EmailAttempts + 1);
            }
            await delivery.RecordAsync(due.Notice, failure, ct);
            if (failure is null) sent++; else failed++;
        }
        if (sent + failed > 0) log.LogInformation("Custody notice emails retried: {Sent} sent, {Failed} failed", sent, failed);
        return (sent, failed);
    }

    private async Task<OutgoingMail?> ClaimAsync(Guid noticeId, string siteRoot, CancellationToken ct)
    {
        using var scope = System(out _);
        var due = await scope.ServiceProvider.GetRequiredService<CustodyNoticeDelivery>().ClaimAsync(noticeId, firstTry: true, ct);
        return due is null ? null : CustodyNoticeMail.Compose(due.Notice, due.Account, siteRoot);
    }

    private async Task RecordAsync(Guid noticeId, Exception? failure)
    {
        using var scope = System(out _);
        await scope.ServiceProvider.GetRequiredService<CustodyNoticeDelivery>().RecordAsync(noticeId, failure);
    }

    private IServiceScope System(out SafeSocialDb db)
    {
        var scope = scopes.CreateScope();
        db = scope.ServiceProvider.GetRequiredService<SafeSocialDb>();
        db.Scope.OpenForSystemWork();
        db.Audit.ActorName = ActorName;
        return scope;
    }
}
