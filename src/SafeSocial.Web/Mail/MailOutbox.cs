using System.Threading.Channels;

namespace SafeSocial.Web.Mail;

/// <summary>
/// Sends single emails after the request that asked for them has answered. A sign-in link request then takes
/// the same time whether or not an email goes out, so its timing cannot reveal which addresses a school holds;
/// and a slow mail server never holds a parent's page.
/// </summary>
public sealed class MailOutbox(IMailSender sender, ILogger<MailOutbox> log) : BackgroundService
{
    private readonly Channel<(Func<CancellationToken, Task<OutgoingMail?>> Prepare, Func<Exception?, Task>? Tried)> _queue =
        Channel.CreateUnbounded<(Func<CancellationToken, Task<OutgoingMail?>>, Func<Exception?, Task>?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    private int _pending;
    private TaskCompletionSource _empty = Completed();

    /// <param name="tried">Told how the send went (null when it went), for a caller that records delivery.</param>
    public void Enqueue(OutgoingMail mail, Func<Exception?, Task>? tried = null) => Enqueue(_ => Task.FromResult<OutgoingMail?>(mail), tried);

    /// <summary>
    /// Queues an email that is written only when its turn comes, or not sent at all when <paramref name="prepare"/>
    /// answers null then: for one that another sender may have sent while it waited in the queue.
    /// </summary>
    public void Enqueue(Func<CancellationToken, Task<OutgoingMail?>> prepare, Func<Exception?, Task>? tried = null)
    {
        lock (_lock)
            if (_pending++ == 0) _empty = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((prepare, tried));
    }

    /// <summary>Completes once every email queued so far has been sent (or failed and been logged), and recorded: for tests and shutdown.</summary>
    public Task EmptyAsync()
    {
        lock (_lock) return _empty.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (prepare, tried) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (await prepare(stoppingToken) is not { } mail) continue;
                Exception? failure = null;
                try { await sender.SendAsync(mail, stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure = e;
                    log.LogError(e, "Could not send the email {Subject}", mail.Subject);
                }
                if (tried is not null) await tried(failure);
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Could not prepare an email, or record how it went"); }
            finally
            {
                lock (_lock)
                    if (--_pending == 0) _empty.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
