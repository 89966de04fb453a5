using Npgsql;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Audit;

/// <summary>
/// Someone with the database superuser's password: they switch off the append-only triggers, change the
/// trail behind SafeSocial's back, and switch them on again. The verifier must still notice.
/// </summary>
internal static class Attacker
{
    public static async Task RunAsync(TestDb db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await Exec(conn, """ALTER TABLE "AuditEntries" DISABLE TRIGGER USER""");
        try { await Exec(conn, sql, parameters); }
        finally { await Exec(conn, """ALTER TABLE "AuditEntries" ENABLE TRIGGER USER"""); }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
