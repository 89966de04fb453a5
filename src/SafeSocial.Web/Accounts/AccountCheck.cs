using Microsoft.AspNetCore.Hosting.Server;
using SafeSocial.Core;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Data;
using SafeSocial.Web.Hosting;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Accounts;

public sealed record AccountCheckReport(DateOnly On, int AccessEnded, int Reminded, int EmailsSent, int EmailsFailed, int ContributorsEnded = 0)
{
    public override string ToString() =>
        $"Official account check for {UkTime.Format(On)}: {AccessEnded} admin place(s) ended for leavers, {ContributorsEnded} pupil sign-in(s) ended for pupils who left, {Reminded} reminder(s) in {EmailsSent} email(s)"
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
        var (sent, failed) = await ReminderMails.SendEachAsync(mail, result.Reminders.Select(r => AccountReminderMail.Compose(r, siteRoot)), log, ct);
        var report = new AccountCheckReport(on, result.AccessEnded, result.Reminders.Sum(r => r.Items.Count), sent, failed, result.ContributorsEnded);
        log.LogInformation("{Report}", report.ToString());
        return report;
    }
}

/// <summary>Runs the official account check once the site has started, then again each time the UK date changes (checked hourly).</summary>
public sealed class AccountCheckService(AccountCheck check, TimeProvider clock, IHostApplicationLifetime lifetime, IServer server,
    IConfiguration configuration, ILogger<AccountCheckService> log) : DailyWork(clock, lifetime, log)
{
    protected override string Name => "official account check";

    protected override Task RunAsync(DateOnly today, CancellationToken ct) => check.RunAsync(today, SiteRoot(configuration, server), ct);
}

public static class AccountCheckSetup
{
    /// <summary>Setting that turns the daily check off (the tests do, so nothing changes behind them).</summary>
    public const string EnabledSetting = "SafeSocial:AccountCheck";

    public static IServiceCollection AddAccountCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AccountCheck>();
        services.AddUnlessTurnedOff<AccountCheckService>(configuration, EnabledSetting);
        return services;
    }
}
