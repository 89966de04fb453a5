using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent;

/// <summary>The register's storage: decisions cannot be edited in place, and a class's check is one round trip.</summary>
public class ConsentStorageTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2025, 10, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheDatabaseRefusesToChangeARecordedDecision()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Ash");
        await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        await using (var register = world.Db.LimitedTo(world.School.Id))
            Assert.True((await new ConsentRegister(register, world.Clock).RecordBiometricAsync(world.School.Id, f.PupilId, BiometricDecision.Objected,
                ConsentDecider.ByParent(f.MotherId), true, ConsentWorld.Office, Ct)).Succeeded);

        await using var conn = new NpgsqlConnection(world.Db.ConnectionString);
        await conn.OpenAsync(Ct);
        foreach (var table in new[] { "ConsentRecords", "BiometricConsentRecords" })
        {
            await using var cmd = new NpgsqlCommand($"UPDATE \"{table}\" SET \"RecordedBy\" = 'Someone else'", conn);
            Assert.Contains("never changed", (await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(Ct))).MessageText);
        }
        await using var ctx = world.Db.System();
        Assert.Equal("Office Staff", (await ctx.ConsentRecords.SingleAsync(r => r.PupilId == f.PupilId, Ct)).RecordedBy);
        Assert.Equal("Office Staff", (await ctx.BiometricConsentRecords.SingleAsync(r => r.PupilId == f.PupilId, Ct)).RecordedBy);
    }

    [Fact]
    public async Task CheckingAClassOf30_ReadsTheDatabaseOnce()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var families = new List<ConsentWorld.Family>();
        for (var i = 0; i < 30; i++)
        {
            var f = await world.FamilyAsync($"Pupil{i}");
            if (i % 2 == 0) await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
            families.Add(f);
        }

        var counter = new CommandCounter();
        var scope = new OrganisationScope();
        scope.LimitTo([world.School.Id]);
        await using var ctx = new SafeSocialDb(new DbContextOptionsBuilder<SafeSocialDb>().UseNpgsql(world.Db.ConnectionString).AddInterceptors(counter).Options,
            scope, new AuditContext(), world.Clock);
        var results = await new ConsentCheck(ctx).CheckAsync(world.School.Id, families.Select(f => f.PupilId).ToList(), ConsentPurpose.SchoolWebsite,
            new DateOnly(2025, 10, 15), ConsentPolicy.Default, showFirstName: false, Ct);

        Assert.Equal(1, counter.Commands);
        Assert.Equal(15, results.Count(r => r.Allowed));
        Assert.Equal(15, results.Count(r => r.Reason == ConsentReason.NoAnswer));
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Commands;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Commands);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
