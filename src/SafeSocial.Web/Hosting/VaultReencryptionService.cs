using SafeSocial.Core;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;

namespace SafeSocial.Web.Hosting;

/// <summary>
/// Re-encrypts stale credentials once the site has started, then each time the UK date changes (checked hourly), so a
/// credential never stays long on a Data Protection key that has been rotated out (every 90 days).
/// </summary>
public sealed class VaultReencryptionService(IServiceProvider services, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<VaultReencryptionService> log) : BackgroundService
{
    /// <summary>Setting that turns the daily run off (the tests do, so nothing changes behind them).</summary>
    public const string EnabledSetting = "SafeSocial:VaultReencryption";

    /// <summary>One run as system work, in its own scope.</summary>
    public static async Task<ReencryptionReport> RunOnceAsync(IServiceProvider services, Action<int, int>? progress, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<SafeSocialDb>().Scope.OpenForSystemWork();
        return await scope.ServiceProvider.GetRequiredService<VaultReencryption>().RunAsync(progress, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try { await started.Task.WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        DateOnly? lastRun = null;
        do
        {
            var today = UkTime.Today(clock);
            if (lastRun == today) continue;
            try
            {
                var report = await RunOnceAsync(services, null, stoppingToken);
                if (report.Unreadable.Count > 0) log.LogError("Vault re-encryption: {Report}", report.ToString());
                else log.LogInformation("Vault re-encryption: {Report}", report.ToString());
                lastRun = today;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // Tried again at the next hourly tick; re-encrypting is safe to repeat.
                log.LogError(e, "The daily vault re-encryption failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
