using System.Net.Mail;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SafeSocial.Core;
using SafeSocial.Core.Data;
using SafeSocial.Core.Takedowns;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Takedowns;

public sealed record TakedownCheckReport(DateOnly On, int Opened, int Reminded, int EmailsSent, int EmailsFailed)
{
    public override string ToString() =>
        $"Takedown check for {UkTime.Format(On)}: {Opened} task(s) opened, {Reminded} overdue task(s) reminded in {EmailsSent} email(s)"
        + (EmailsFailed > 0 ? $", {EmailsFailed} email(s) could not be sent" : "");
}

/// <summary>
/// One run of the daily takedown check (Core's <see cref="TakedownSweep"/>) as system work, then the reminder emails.
/// Run by <see cref="TakedownCheckService"/> each day and by the `takedown-check` command.
/// </summary>
public sealed class TakedownCheck(IServiceScopeFactory scopes, IMailSender mail, ILogger<TakedownCheck> log)
{
    public const string ActorName = "SafeSocial daily takedown check";

    public async Task<TakedownCheckReport> RunAsync(DateOnly on, string? siteRoot, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SafeSocialDb>();
        db.Scope.OpenForSystemWork();
        db.Audit.ActorName = ActorName;
        var result = await scope.ServiceProvider.GetRequiredService<TakedownSweep>().RunAsync(on, ct);
        var (sent, failed) = (0, 0);
        foreach (var reminder in result.Reminders)
        {
            // The reminder is already recorded: a failed email is logged, not retried before tomorrow.
            try { await mail.SendAsync(TakedownReminderMail.Compose(reminder, siteRoot), ct); sent++; }
            catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException)
            {
                failed++;
                log.LogError(e, "Could not email a takedown reminder to {Email}", reminder.Email);
            }
        }
        var report = new TakedownCheckReport(on, result.Opened, result.Reminders.Sum(r => r.Tasks.Count), sent, failed);
        log.LogInformation("{Report}", report.ToString());
        return report;
    }
}

/// <summary>Runs the takedown check once the site has started, then again each time the UK date changes (checked hourly).</summary>
public sealed class TakedownCheckService(TakedownCheck check, TimeProvider clock, IHostApplicationLifetime lifetime, IServer server,
    IConfiguration configuration, ILogger<TakedownCheckService> log) : BackgroundService
{
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
                await check.RunAsync(today, SiteRoot(), stoppingToken);
                lastRun = today;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // Tried again at the next hourly tick; the check is safe to repeat.
                log.LogError(e, "The daily takedown check failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private string? SiteRoot() => configuration["SafeSocial:PublicUrl"]
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}

public static class TakedownSetup
{
    /// <summary>Setting that turns the daily check off (the tests do, so nothing changes behind them).</summary>
    public const string EnabledSetting = "SafeSocial:TakedownCheck";

    public static IServiceCollection AddTakedownCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TakedownCheck>();
        if (configuration.GetValue(EnabledSetting, true)) services.AddHostedService<TakedownCheckService>();
        return services;
    }
}
