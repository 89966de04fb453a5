using Npgsql;
using SafeSocial.Core.Data;

[assembly: AssemblyFixture(typeof(SafeSocial.Tests.Infrastructure.PostgresServer))]

namespace SafeSocial.Tests.Infrastructure;

/// <summary>
/// One private PostgreSQL cluster for the whole test run, started by the run itself. The schema is
/// migrated once into a template; each test class gets its own database cloned from it in milliseconds.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Template = "safesocial_template";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"safesocial-tests-{Environment.ProcessId}");
    private LocalPostgresCluster _cluster = null!;
    private int _next;

    public async ValueTask InitializeAsync()
    {
        _cluster = new LocalPostgresCluster(_folder, durable: false);
        await _cluster.StartAsync(Template);
        await DatabaseMigrator.MigrateAsync(_cluster.ConnectionString(Template) + ";Pooling=false");
    }

    /// <summary>
    /// Every test class has its own database and so its own connection pool: idle connections are closed after a few
    /// seconds, or a run of many classes holds more open than the cluster's 200 ("too many clients already").
    /// </summary>
    public string ConnectionString(string database) => _cluster.ConnectionString(database) + ";Connection Idle Lifetime=5;Connection Pruning Interval=1";

    /// <summary>A new, migrated, empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _next)}";
        await using var conn = new NpgsqlConnection(_cluster.ConnectionString("postgres") + ";Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {Template}", conn);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster.Stop();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
