using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;

namespace SafeSocial.Web.Hosting;

/// <summary>
/// Re-encrypts stale credentials each day, so a credential never stays long on a Data Protection key that has been rotated out (every 90 days).
/// </summary>
public sealed class VaultReencryptionService(IServiceProvider services, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<VaultReencryptionService> log) : DailyWork(clock, lifetime, log)
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

    protected override string Name => "vault re-encryption";

    protected override async Task RunAsync(DateOnly today, CancellationToken ct)
    {
        var report = await RunOnceAsync(services, null, ct);
        if (report.Unreadable.Count > 0) log.LogError("Vault re-encryption: {Report}", report.ToString());
        else log.LogInformation("Vault re-encryption: {Report}", report.ToString());
    }
}
