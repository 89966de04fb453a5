using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Web.Hosting;

/// <summary>Command-line commands: `dotnet run -- NAME`. Each returns an exit code instead of starting the site.</summary>
public static class Commands
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], Task<int>>> All = new()
    {
        // The EF model as SQL: the starting point of a new migration script.
        ["schema-sql"] = (sp, _) =>
        {
            Console.WriteLine(sp.GetRequiredService<SafeSocialDb>().Database.GenerateCreateScript());
            return Task.FromResult(0);
        },
        ["verify-audit"] = (sp, _) => VerifyAuditCommand.RunAsync(sp.GetRequiredService<SafeSocial.Core.Audit.AuditVerifier>(), Console.Out),
        ["seed-large-trust"] = BenchmarkCommands.SeedLargeTrustAsync,
        // The daily takedown check by hand or from cron: `takedown-check [yyyy-mm-dd]` (today in the UK by default).
        ["takedown-check"] = TakedownCheckCommand.RunAsync,
        // The daily official account check: `account-check [yyyy-mm-dd]` ends leavers' admin access and emails reminders.
        ["account-check"] = AccountCheckCommand.RunAsync,
        ["bench-consent"] = BenchmarkCommands.ConsentCheckAsync,
        ["vault-reencrypt"] = VaultCommands.ReencryptAsync,
        ["change-master-key"] = VaultCommands.ChangeMasterKeyAsync,
    };

    public static async Task<int?> TryRunAsync(WebApplication app, string[] args, string connectionString)
    {
        if (args.Length == 0 || !All.TryGetValue(args[0], out var command)) return null;
        try
        {
            await DatabaseMigrator.MigrateAsync(connectionString);
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<SafeSocialDb>().Scope.OpenForSystemWork();
            return await command(scope.ServiceProvider, args[1..]);
        }
        finally { app.Services.GetService<LocalPostgresCluster>()?.Stop(); }
    }
}
