using SafeSocial.Core.Demo;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>The benchmark's import measurement, run small as a test (it must work) and large on request.</summary>
public class RosterBenchmarkTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Benchmark_ImportsEverySchool_AndTheSecondRunChangesNothing()
    {
        var db = await TestDb.CreateAsync(server);
        var folder = RosterFixtures.TempFolder();

        var result = await RosterImportBenchmark.RunAsync(() => db.System(), folder, new TrustSize(2, 30, 4), TimeProvider.System, ct: Ct);

        Assert.Equal((2, 60, 8), (result.Schools, result.Pupils, result.Staff));
        Assert.Equal(60 + 8 + result.Parents * 2 + 2 * 7, result.FirstImportChanges); // pupils, staff, parents and their links, classes
        Assert.Equal(0, result.ReImportChanges);
    }

    /// <summary>
    /// The figure for bench/README.md: about 12,000 pupils and 20,000 parents in 30 schools. Run with
    /// <c>dotnet run --project tests/SafeSocial.Tests -- -method "*LargeTrust*" -explicit only</c>.
    /// </summary>
    [Fact(Explicit = true)]
    public async Task LargeTrust()
    {
        var db = await TestDb.CreateAsync(server);
        var folder = RosterFixtures.TempFolder();
        var result = await RosterImportBenchmark.RunAsync(db.ConnectionString, folder, m => TestContext.Current.SendDiagnosticMessage(m), Ct);
        TestContext.Current.SendDiagnosticMessage(result.ToString());
        Console.WriteLine(result);
        Assert.Equal(0, result.ReImportChanges);
    }
}
