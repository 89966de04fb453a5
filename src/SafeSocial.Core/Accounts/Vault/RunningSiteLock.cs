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
    /// The shared lock, on a connection of its own (outside the pool, which keeps no session state), held until it is
    /// disposed or the connection drops.
    /// </summary>
    public static async Task<Held> HoldAsync(string connectionString, CancellationToken ct = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "SafeSocial site (running)" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock_shared({Key})", connection);
            await command.ExecuteNonQueryAsync(ct);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;

        /// <summary>
        /// Unlocks before closing: a closed connection's server process lets go of its locks only as it exits, a moment
        /// later, and a master key change straight after a site stops would find the site still marked.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock_shared({Key})", connection);
                await unlock.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { } // dropped: its locks went with it
            finally { await connection.DisposeAsync(); }
        }
    }

    /// <summary>Takes the lock alone until the current transaction ends; false while any site holds it.</summary>
    public static async Task<bool> TryTakeAloneAsync(SafeSocialDb db, CancellationToken ct = default) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({Key}) AS \"Value\"").SingleAsync(ct);
}
