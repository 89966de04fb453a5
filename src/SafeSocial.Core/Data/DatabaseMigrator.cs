using System.Reflection;
using Npgsql;

namespace SafeSocial.Core.Data;

public sealed class MigrationFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Applies the versioned SQL scripts embedded in this assembly (Data/Migrations/NNNN_name.sql) that the
/// history table does not list yet, all in one transaction: a failure leaves the database as it was.
/// </summary>
public static class DatabaseMigrator
{
    private const string History = "schema_migrations";

    public static IReadOnlyList<(string Version, string Sql)> Scripts()
    {
        var asm = typeof(DatabaseMigrator).Assembly;
        return asm.GetManifestResourceNames()
            .Where(n => n.Contains(".Data.Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: VersionOf(n), Sql: Read(asm, n)))
            .OrderBy(s => s.Version, StringComparer.Ordinal)
            .ToList();
    }

    /// <returns>The versions applied now.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, IReadOnlyList<(string Version, string Sql)>? scripts = null, CancellationToken ct = default)
    {
        scripts ??= Scripts();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Exec(conn, tx, $"CREATE TABLE IF NOT EXISTS {History} (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", ct);
        // One migrator at a time, even with several instances starting together.
        await Exec(conn, tx, "SELECT pg_advisory_xact_lock(7317001)", ct);
        var applied = new HashSet<string>();
        await using (var read = new NpgsqlCommand($"SELECT version FROM {History}", conn, tx))
        await using (var r = await read.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) applied.Add(r.GetString(0));

        var done = new List<string>();
        foreach (var (version, sql) in scripts.Where(s => !applied.Contains(s.Version)))
        {
            try
            {
                await Exec(conn, tx, sql, ct);
                await using var mark = new NpgsqlCommand($"INSERT INTO {History} (version) VALUES (@v)", conn, tx);
                mark.Parameters.AddWithValue("v", version);
                await mark.ExecuteNonQueryAsync(ct);
                done.Add(version);
            }
            catch (PostgresException e)
            {
                await tx.RollbackAsync(ct);
                throw new MigrationFailedException(
                    $"Database migration {version} failed, so no change was made to the database and SafeSocial did not start. " +
                    $"PostgreSQL said: {e.MessageText}" + (e.Position > 0 ? $" (at character {e.Position})" : ""), e);
            }
        }
        await tx.CommitAsync(ct);
        return done;
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string VersionOf(string resourceName)
    {
        var file = resourceName[(resourceName.IndexOf(".Data.Migrations.", StringComparison.Ordinal) + ".Data.Migrations.".Length)..];
        return file[..^".sql".Length];
    }

    private static string Read(Assembly asm, string name)
    {
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
