using Npgsql;
using SafeSocial.Core.Accounts.Vault;

namespace SafeSocial.Web.Hosting;

/// <summary>
/// Holds <see cref="RunningSiteLock"/> while the site runs (not while a command runs), taken before the site serves
/// anyone; checked each minute and taken again if the database connection dropped.
/// </summary>
public sealed class RunningSiteMarker(string connectionString, TimeProvider clock, ILogger<RunningSiteMarker> log) : IHostedService, IAsyncDisposable
{
    private RunningSiteLock.Held? _held;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watching;
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _held = await RunningSiteLock.HoldAsync(connectionString, cancellationToken);
        _watching = WatchAsync(_stopping.Token);
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await using var check = new NpgsqlCommand("SELECT 1", _held?.Connection);
                    await check.ExecuteScalarAsync(ct);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    log.LogWarning(e, "The database connection that marks this site as running dropped; taking the mark again");
                    await ReleaseAsync();
                    try { _held = await RunningSiteLock.HoldAsync(connectionString, ct); }
                    catch (NpgsqlException again) { log.LogError(again, "Could not mark this site as running; trying again in a minute"); }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Once only: a host run by WebApplicationFactory is stopped by the factory and by the application's own run at the
    /// same time, and disposed by one of them while the other may still be stopping.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock) return _stopped ??= StopOnceAsync();
    }

    private async Task StopOnceAsync()
    {
        await _stopping.CancelAsync();
        if (_watching is not null) await _watching;
        await ReleaseAsync();
        _stopping.Dispose();
    }

    private async Task ReleaseAsync()
    {
        if (_held is not null) await _held.DisposeAsync();
        _held = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
