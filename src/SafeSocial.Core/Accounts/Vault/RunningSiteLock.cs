using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>
/// How change-master-key knows a site is running on its database: every running site holds a shared PostgreSQL
/// advisory lock for its whole life, and the change needs the same lock alone. A site left running through the change
/// would go on wrapping new Data Protection keys with the old master key, and what they encrypt would be lost.
/// </summary>
public static class RunningSiteLock
{
    /// <summary>Advisory locks belong to one database, so one number serves every SafeSocial database on a server.</summary>
    private const long Key = 0x5AFE_50C1_A1;

    /// <summary>
    /// A connection of its own (outside the pool, which keeps no session state) holding the shared lock until it is
    /// disposed or the connection drops.
    /// </summary>
    public static async Task<NpgsqlConnection> HoldAsync(string connectionString, CancellationToken ct = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "SafeSocial site (running)" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock_shared({Key})", connection);
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the lock alone until the current transaction ends; false while any site holds it.</summary>
    public static async Task<bool> TryTakeAloneAsync(SafeSocialDb db, CancellationToken ct = default) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({Key}) AS \"Value\"").SingleAsync(ct);
}
