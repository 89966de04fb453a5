using SafeSocial.Web.Hosting;
namespace SafeSocial.Web.Mail;

/// <summary>
/// Every few minutes, tries again the custody notices whose email has not gone (mail server down, site stopped before
/// it sent them). The waits between tries and the limit are <see cref="Core.Accounts.Custody.CustodyNoticeDelivery"/>'s.
/// </summary>
public sealed class CustodyNoticeRetryService(CustodyNoticeEmails emails, TimeProvider clock, IHostApplicationLifetime lifetime,
    IConfiguration configuration, ILogger<CustodyNoticeRetryService> log) : BackgroundService
{
    /// <summary>Setting that turns the retries off (the tests do, and run them themselves).</summary>
    public const string EnabledSetting = "SafeSocial:CustodyNoticeRetry";
    /// <summary>Minutes between runs; 5 unless set.</summary>
    public const string MinutesSetting = "SafeSocial:CustodyNoticeRetryMinutes";

    public static IServiceCollection AddCustodyNoticeEmails(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CustodyNoticeEmails>();
        services.AddUnlessTurnedOff<CustodyNoticeRetryService>(configuration, EnabledSetting);
        return services;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try { await started.Task.WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue(MinutesSetting, 5))), clock);
        do
        {
            try { await emails.RetryDueAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogError(e, "Retrying custody notice emails failed"); }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
