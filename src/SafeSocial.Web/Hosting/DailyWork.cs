using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SafeSocial.Core;

namespace SafeSocial.Web.Hosting;

/// <summary>
/// Work done once the site has started, then again each time the UK date changes (checked hourly). A failed run is
/// logged and tried again at the next tick, so each piece of daily work must be safe to repeat.
/// </summary>
public abstract class DailyWork(TimeProvider clock, IHostApplicationLifetime lifetime, ILogger log) : BackgroundService
{
    /// <summary>What the log calls it when a run fails.</summary>
    protected abstract string Name { get; }

    protected abstract Task RunAsync(DateOnly today, CancellationToken ct);

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
                await RunAsync(today, stoppingToken);
                lastRun = today;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "The daily {Work} failed", Name); }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>The site's public address for links in emails: configured, or else the one it listens on.</summary>
    internal static string? SiteRoot(IConfiguration configuration, IServer server) => configuration["SafeSocial:PublicUrl"]
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}

public static class BackgroundWorkSetup
{
    /// <summary>Runs the background work unless its setting is false (the tests turn each off, so nothing changes behind them).</summary>
    public static IServiceCollection AddUnlessTurnedOff<TWork>(this IServiceCollection services, IConfiguration configuration, string setting)
        where TWork : class, IHostedService
    {
        if (configuration.GetValue(setting, true)) services.AddHostedService<TWork>();
        return services;
    }
}
