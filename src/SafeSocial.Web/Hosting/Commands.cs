using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;

namespace SafeSocial.Web.Hosting;

/// <summary>A command-line command: `dotnet run -- NAME`. It returns an exit code (<see cref="CommandExit"/>) instead of starting the site.</summary>
/// <param name="NeedsMasterKey">Only commands that read or re-wrap secrets: every other one runs without the key, from cron or by hand.</param>
public sealed record Command(string Name, bool NeedsMasterKey, Func<IServiceProvider, string[], Task<int>> Run);

public static class Commands
{
    public static readonly IReadOnlyDictionary<string, Command> All = new Command[]
    {
        // The EF model as SQL: the starting point of a new migration script.
        new("schema-sql", false, (sp, _) =>
        {
            Console.WriteLine(sp.GetRequiredService<SafeSocialDb>().Database.GenerateCreateScript());
            return Task.FromResult(CommandExit.Done);
        }),
        new("verify-audit", false, (sp, _) => VerifyAuditCommand.RunAsync(sp.GetRequiredService<SafeSocial.Core.Audit.AuditVerifier>(), Console.Out)),
        new("seed-large-trust", false, BenchmarkCommands.SeedLargeTrustAsync),
        // The daily takedown check by hand or from cron: `takedown-check [yyyy-mm-dd]` (today in the UK by default).
        new("takedown-check", false, TakedownCheckCommand.RunAsync),
        // The daily official account check: `account-check [yyyy-mm-dd]` ends leavers' admin access and emails reminders.
        new("account-check", false, AccountCheckCommand.RunAsync),
        new("bench-consent", false, BenchmarkCommands.ConsentCheckAsync),
        new("vault-reencrypt", true, VaultCommands.ReencryptAsync),
        new("change-master-key", true, VaultCommands.ChangeMasterKeyAsync),
    }.ToDictionary(c => c.Name);

    /// <summary>A first argument that is not an option names a command (the test host passes only --options).</summary>
    public static bool Requested(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>Runs the command args[0] names; every failure is one line on standard error and its own exit code.</summary>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args)
    {
        if (!All.TryGetValue(args[0], out var command))
            return CommandExit.Fail(CommandExit.Usage, $"'{args[0]}' is not a SafeSocial command. The commands are: {string.Join(", ", All.Keys)}.");
        VaultMasterKey? masterKey = null;
        if (command.NeedsMasterKey && (masterKey = MasterKeySetup.Load(builder, out var keyProblem)) is null)
            return CommandExit.Fail(CommandExit.Configuration, $"{command.Name}: {keyProblem}");

        string connectionString;
        try { connectionString = await DatabaseSetup.PrepareAsync(builder); }
        catch (Exception e) when (e is InvalidOperationException or DbException or IOException or System.ComponentModel.Win32Exception)
        {
            return CommandExit.Fail(CommandExit.DatabaseUnavailable, $"{command.Name}: SafeSocial could not start its database: {e.Message}");
        }
        builder.AddSafeSocial(connectionString, masterKey);
        var app = builder.Build();
        try
        {
            await DatabaseMigrator.MigrateAsync(connectionString);
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<SafeSocialDb>().Scope.OpenForSystemWork();
            return await command.Run(scope.ServiceProvider, args[1..]);
        }
        catch (Exception e) when (e is MigrationFailedException or DbException)
        {
            return CommandExit.Fail(CommandExit.DatabaseUnavailable, $"{command.Name}: the database could not be used: {e.Message}");
        }
        catch (Exception e)
        {
            return CommandExit.Fail(CommandExit.Unexpected, $"{command.Name} failed unexpectedly: {e.GetType().Name}: {e.Message}");
        }
        finally { app.Services.GetService<LocalPostgresCluster>()?.Stop(); }
    }
}
