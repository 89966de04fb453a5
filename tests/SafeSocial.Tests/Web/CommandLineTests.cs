using System.Diagnostics;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Audit;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Hosting;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Web;

/// <summary>
/// The commands as cron runs them: the built program in its own process, in Production (no environment set),
/// with no master key. A command that needs no secret must run; every failure is one line and its own exit code.
/// </summary>
public class CommandLineTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAudit_WithNoMasterKey_ExitsZeroWhenIntact_AndTwoWhenATrailWasChanged()
    {
        var (db, schoolId) = await SchoolAsync();

        var intact = await RunAsync(db, "verify-audit");
        Assert.True(intact.Exit == CommandExit.Done, intact.ToString());
        Assert.Contains("All 2 audit trails are intact.", intact.Output);

        await Attacker.RunAsync(db, """UPDATE "AuditEntries" SET "IpAddress" = '203.0.113.9' WHERE "OrganisationId" = @org""", ("org", schoolId));
        var broken = await RunAsync(db, "verify-audit");
        Assert.True(broken.Exit == CommandExit.AuditTrailBroken, broken.ToString());
        Assert.Contains("1 of 2 audit trails are broken", broken.Output);
    }

    [Theory]
    [InlineData("schema-sql")]
    [InlineData("takedown-check", "2026-09-01")]
    [InlineData("account-check", "2026-09-01")]
    public async Task CommandsThatNeedNoSecret_RunWithNoMasterKey(params string[] args)
    {
        var (db, _) = await SchoolAsync();
        var run = await RunAsync(db, args);
        Assert.True(run.Exit == CommandExit.Done, run.ToString());
        Assert.DoesNotContain("master key", run.Errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OnlyTheVaultCommandsAskForTheMasterKey() =>
        Assert.Equal(["change-master-key", "vault-reencrypt"], Commands.All.Values.Where(c => c.NeedsMasterKey).Select(c => c.Name).Order());

    [Theory]
    [InlineData(CommandExit.Configuration, "no master key is configured", "vault-reencrypt")]
    [InlineData(CommandExit.Usage, "is not a SafeSocial command", "verify-audti")]
    [InlineData(CommandExit.Usage, "give it as yyyy-mm-dd", "takedown-check", "1/9/2026")]
    public async Task AFailure_IsOneLineWithItsOwnExitCode(int exit, string reason, params string[] args)
    {
        var (db, _) = await SchoolAsync();
        var run = await RunAsync(db, args);
        Assert.True(run.Exit == exit, run.ToString());
        Assert.Contains(reason, run.Errors, StringComparison.Ordinal);
        Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ADatabaseThatCannotBeReached_IsItsOwnExitCode()
    {
        var nowhere = new TestDb("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");
        var run = await RunAsync(nowhere, "verify-audit");
        Assert.True(run.Exit == CommandExit.DatabaseUnavailable, run.ToString());
        Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task<(TestDb Db, Guid SchoolId)> SchoolAsync()
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Test Primary" };
        await using var ctx = db.System();
        ctx.Organisations.Add(school);
        ctx.Pupils.Add(new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = "A", LegalLastName = "B" });
        await ctx.SaveChangesAsync(Ct);
        return (db, school.Id);
    }

    private sealed record Run(int Exit, string Output, string Errors)
    {
        public override string ToString() => $"exit {Exit}\nstdout: {Output}\nstderr: {Errors}";
    }

    /// <summary>The built SafeSocial.Web.dll beside this test's own build, as `dotnet run` would start it.</summary>
    private static async Task<Run> RunAsync(TestDb db, params string[] args)
    {
        var bin = AppContext.BaseDirectory.Replace(Path.Combine("tests", "SafeSocial.Tests"), Path.Combine("src", "SafeSocial.Web"), StringComparison.Ordinal);
        var dataFolder = Directory.CreateTempSubdirectory("safesocial-command-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(bin, "SafeSocial.Web.dll"), .. args])
        {
            WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        // A fresh shell: no environment name (so Production) and no SafeSocial setting but the two a cron line gives.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || k.StartsWith("SafeSocial", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["ConnectionStrings__SafeSocial"] = db.ConnectionString;
        start.Environment["SafeSocial__DataFolder"] = dataFolder;
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(Ct);
            var errors = process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return new Run(process.ExitCode, await output, await errors);
        }
        finally { Directory.Delete(dataFolder, recursive: true); }
    }
}
