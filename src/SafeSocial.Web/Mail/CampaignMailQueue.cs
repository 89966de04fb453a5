using System.Collections.Concurrent;
using System.Threading.Channels;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Data;

namespace SafeSocial.Web.Mail;

/// <summary>One sending of a campaign's emails, with each address's personal link token, and who asked for it, for the audit trail.</summary>
public sealed record CampaignWork(Guid SendId, Guid SchoolId, string SchoolName, CampaignSendKind Kind, IReadOnlyList<CampaignRecipient> Recipients,
    IReadOnlyDictionary<string, string> Tokens, string PortalRoot, DateOnly ClosesOn, string Contact, Guid? UserId, string UserName, string? IpAddress);

public sealed record CampaignSendProgress(int Sent, int Failed, int Total)
{
    public int Percent => Total == 0 ? 100 : (Sent + Failed) * 100 / Total;
}

/// <summary>
/// Sends campaign emails in the background, a few at a time, so a whole school's parents do not hold a request
/// open; the campaign page reads how far a sending has got, and the sending's row records what it came to.
/// </summary>
public sealed class CampaignMailQueue(IServiceScopeFactory scopes, IMailSender sender, ILogger<CampaignMailQueue> log) : BackgroundService
{
    /// <summary>A mail server takes each message in turn; a few at once keeps it busy without flooding it.</summary>
    private const int AtOnce = 4;
    private readonly Channel<CampaignWork> _work = Channel.CreateUnbounded<CampaignWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, CampaignSendProgress> _progress = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _done = new();

    public CampaignSendProgress? ProgressOf(Guid sendId) => _progress.TryGetValue(sendId, out var p) ? p : null;

    /// <summary>Completes when the sending has finished and its row is saved (at once when it is not queued here).</summary>
    public Task FinishedAsync(Guid sendId) => _done.TryGetValue(sendId, out var done) ? done.Task : Task.CompletedTask;

    public void Enqueue(CampaignWork work)
    {
        _progress[work.SendId] = new CampaignSendProgress(0, 0, work.Recipients.Count);
        _done[work.SendId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(work);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
        {
            try { await RunAsync(work, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "Consent campaign sending {SendId} failed", work.SendId); }
            finally
            {
                _progress.TryRemove(work.SendId, out _);
                if (_done.TryRemove(work.SendId, out var done)) done.TrySetResult();
            }
        }
    }

    private async Task RunAsync(CampaignWork work, CancellationToken ct)
    {
        int sent = 0, failed = 0;
        await Parallel.ForEachAsync(work.Recipients, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct }, async (to, token) =>
        {
            try
            {
                var link = work.PortalRoot + ConsentCampaignMail.LinkPath(work.Tokens[to.Email]);
                await sender.SendAsync(ConsentCampaignMail.Compose(to, work.Kind, work.SchoolName, link, work.ClosesOn, work.Contact), token);
                Interlocked.Increment(ref sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
                log.LogWarning(e, "Could not send a consent campaign email for sending {SendId}", work.SendId);
            }
            _progress[work.SendId] = new CampaignSendProgress(Volatile.Read(ref sent), Volatile.Read(ref failed), work.Recipients.Count);
        });

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SafeSocialDb>();
        db.Scope.LimitTo([work.SchoolId]);
        db.Audit.ActAs(work.UserId, work.UserName, work.IpAddress);
        await scope.ServiceProvider.GetRequiredService<ConsentCampaignService>().FinishSendAsync(work.SchoolId, work.SendId, sent, failed, ct);
        log.LogInformation("Consent campaign sending {SendId}: {Sent} emails sent, {Failed} failed", work.SendId, sent, failed);
    }
}
