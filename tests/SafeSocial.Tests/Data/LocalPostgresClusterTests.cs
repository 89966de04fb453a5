using Npgsql;
using SafeSocial.Core.Data;

namespace SafeSocial.Tests.Data;

public class LocalPostgresClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<bool> ReachableAsync(string connectionString)
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
            await conn.OpenAsync(Ct);
            return true;
        }
        catch (NpgsqlException) { return false; }
    }

    [Fact]
    public async Task ACommandRunBesideTheSite_LeavesTheSitesDatabaseRunning_AndTheSiteStopsIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"safesocial-cluster-{Guid.NewGuid():N}");
        try
        {
            using var site = new LocalPostgresCluster(folder);
            await site.StartAsync("safesocial");
            using (var command = new LocalPostgresCluster(folder))
            {
                await command.StartAsync("safesocial");
                Assert.Equal(site.Port, command.Port);
                command.Stop();
            }
            Assert.True(await ReachableAsync(site.ConnectionString("safesocial")));

            site.Stop();
            Assert.False(await ReachableAsync(site.ConnectionString("safesocial")));

            // Data stays between runs: a new start finds the same database.
            using var again = new LocalPostgresCluster(folder);
            await again.StartAsync("safesocial");
            Assert.True(await ReachableAsync(again.ConnectionString("safesocial")));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
