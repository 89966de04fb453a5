using Microsoft.AspNetCore.Hosting.Server;
using SafeSocial.Core;
using SafeSocial.Core.Data;
using SafeSocial.Core.Takedowns;
using SafeSocial.Web.Hosting;
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
        var (sent, failed) = await ReminderMails.SendEachAsync(mail, result.Reminders.Select(r => TakedownReminderMail.Compose(r, siteRoot)), log, ct);
        var report = new TakedownCheckReport(on, result.Opened, result.Reminders.Sum(r => r.Tasks.Count), sent, failed);
        log.LogInformation("{Report}", report.ToString());
        return report;
    }
}

/// <summary>Runs the takedown check once the site has started, then again each time the UK date changes (checked hourly).</summary>
public sealed class TakedownCheckService(TakedownCheck check, TimeProvider clock, IHostApplicationLifetime lifetime, IServer server,
    IConfiguration configuration, ILogger<TakedownCheckService> log) : DailyWork(clock, lifetime, log)
{
    protected override string Name => "takedown check";

    protected override Task RunAsync(DateOnly today, CancellationToken ct) => check.RunAsync(today, SiteRoot(configuration, server), ct);
}

public static class TakedownSetup
{
    /// <summary>Setting that turns the daily check off (the tests do, so nothing changes behind them).</summary>
    public const string EnabledSetting = "SafeSocial:TakedownCheck";

    public static IServiceCollection AddTakedownCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TakedownCheck>();
        services.AddUnlessTurnedOff<TakedownCheckService>(configuration, EnabledSetting);
        return services;
    }
}
