using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeSocial.Core.Data;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Data;

public class MigrationTests(PostgresServer server)
{
    [Fact]
    public async Task MigratedSchema_MatchesTheEfModel()
    {
        var db = await TestDb.CreateAsync(server);
        await using var ctx = db.System();
        var expected = ctx.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null)
            .SelectMany(t => t.GetProperties().Select(p => (Table: t.GetTableName()!, Column: p.GetColumnName(), Nullable: p.IsColumnNullable())))
            .ToHashSet();

        var actual = new HashSet<(string, string, bool)>();
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand(
            "SELECT table_name, column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'", conn);
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await r.ReadAsync(TestContext.Current.CancellationToken)) actual.Add((r.GetString(0), r.GetString(1), r.GetBoolean(2)));

        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));
    }

    [Fact]
    public async Task FailingMigration_LeavesTheDatabaseAsItWas_AndSaysWhich()
    {
        var db = await TestDb.CreateAsync(server);
        var scripts = DatabaseMigrator.Scripts().Append(("9001_good", "CREATE TABLE should_not_exist (id int)"))
            .Append(("9002_bad", "ALTER TABLE no_such_table ADD COLUMN x int")).ToList();

        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => DatabaseMigrator.MigrateAsync(db.ConnectionString, scripts, TestContext.Current.CancellationToken));

        Assert.Contains("9002_bad", e.Message);
        Assert.Contains("no_such_table", e.Message);
        await using var ctx = db.System();
        var tables = await ctx.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_name = 'should_not_exist'").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Empty(tables);
        var versions = await ctx.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations").ToListAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("9001_good", versions);
    }

    [Fact]
    public async Task MigratingTwice_AppliesNothingTheSecondTime()
    {
        var db = await TestDb.CreateAsync(server);
        Assert.Empty(await DatabaseMigrator.MigrateAsync(db.ConnectionString, ct: TestContext.Current.CancellationToken));
    }
}
