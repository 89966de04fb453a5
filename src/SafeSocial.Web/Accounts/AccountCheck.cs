using System.Net.Mail;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SafeSocial.Core;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Data;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Accounts;

public sealed record AccountCheckReport(DateOnly On, int AccessEnded, int Reminded, int EmailsSent, int EmailsFailed)
{
    public override string ToString() =>
        $"Official account check for {UkTime.Format(On)}: {AccessEnded} admin place(s) ended for leavers, {Reminded} reminder(s) in {EmailsSent} email(s)"
        + (EmailsFailed > 0 ? $", {EmailsFailed} email(s) could not be sent" : "");
}

/// <summary>
/// One run of the daily official account check (Core's <see cref="AccountCareSweep"/>) as system work, then the emails.
/// Run by <see cref="AccountCheckService"/> each day and by the `account-check` command.
/// </summary>
public sealed class AccountCheck(IServiceScopeFactory scopes, IMailSender mail, ILogger<AccountCheck> log)
{
    public const string ActorName = "SafeSocial daily official account check";

    public async Task<AccountCheckReport> RunAsync(DateOnly on, string? siteRoot, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SafeSocialDb>();
        db.Scope.OpenForSystemWork();
        db.Audit.ActorName = ActorName;
        var result = await scope.ServiceProvider.GetRequiredService<AccountCareSweep>().RunAsync(on, ct);
        var (sent, failed) = (0, 0);
        foreach (var reminder in result.Reminders)
        {
            // The reminder is already recorded: a failed email is logged, not retried before tomorrow.
            try { await mail.SendAsync(AccountReminderMail.Compose(reminder, siteRoot), ct); sent++; }
            catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException)
            {
                failed++;
                log.LogError(e, "Could not email an official account reminder to {Email}", reminder.Email);
            }
        }
        var report = new AccountCheckReport(on, result.AccessEnded, result.Reminders.Sum(r => r.Items.Count), sent, failed);
        log.LogInformation("{Report}", report.ToString());
        return report;
    }
}

/// <summary>Runs the official account check once the site has started, then again each time the UK date changes (checked hourly).</summary>
public sealed class AccountCheckService(AccountCheck check, TimeProvider clock, IHostApplicationLifetime lifetime, IServer server,
    IConfiguration configuration, ILogger<AccountCheckService> log) : BackgroundService
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
                log.LogError(e, "The daily official account check failed");
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

public static class AccountCheckSetup
{
    /// <summary>Setting that turns the daily check off (the tests do, so nothing changes behind them).</summary>
    public const string EnabledSetting = "SafeSocial:AccountCheck";

    public static IServiceCollection AddAccountCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AccountCheck>();
        if (configuration.GetValue(EnabledSetting, true)) services.AddHostedService<AccountCheckService>();
        return services;
    }
}
