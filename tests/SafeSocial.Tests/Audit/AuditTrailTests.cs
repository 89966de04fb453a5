using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Audit;

public class AuditTrailTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestDb Db, Org School)> SchoolAsync(PostgresServer server)
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Test Primary" };
        await using var ctx = db.System();
        ctx.Organisations.Add(school);
        await ctx.SaveChangesAsync(Ct);
        return (db, school);
    }

    [Fact]
    public async Task ChangingARecord_WritesWhoWhenWhatAndWhy_ChainedToThePreviousEntry()
    {
        var (db, school) = await SchoolAsync(server);
        var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = "Amara", LegalLastName = "Okafor", YearGroup = "3" };
        await using (var ctx = db.System("Ms Head"))
        {
            ctx.Pupils.Add(pupil);
            await ctx.SaveChangesAsync(Ct);
        }
        await using (var ctx = db.System("Ms Head"))
        {
            ctx.Audit.Reason = "Moved up a year";
            var p = await ctx.Pupils.SingleAsync(Ct);
            p.YearGroup = "4";
            await ctx.SaveChangesAsync(Ct);
        }

        await using var read = db.System();
        var trail = await read.AuditEntries.Where(a => a.OrganisationId == school.Id).OrderBy(a => a.Sequence).ToListAsync(Ct);
        Assert.Equal([1, 2, 3], trail.Select(a => a.Sequence));
        var change = trail[2];
        Assert.Equal(("Modified", "Pupil", pupil.Id.ToString(), "Ms Head", "Moved up a year"), (change.Action, change.EntityType, change.EntityId, change.ActorName, change.Reason));
        var fields = JsonSerializer.Deserialize<Dictionary<string, string?[]>>(change.Changes!)!;
        Assert.Equal(new[] { "3", "4" }, fields["YearGroup"].Select(v => v ?? ""));
        Assert.Equal(trail[1].Hash, change.PreviousHash);
        Assert.All(trail, a => Assert.Equal(AuditHash.Compute(a), a.Hash));
    }

    [Fact]
    public async Task AFailedSave_LeavesNoAuditEntry()
    {
        var (db, school) = await SchoolAsync(server);
        await using (var ctx = db.System())
        {
            ctx.Pupils.Add(new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = "A", LegalLastName = "B", SourcedId = "same" });
            ctx.Pupils.Add(new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = "C", LegalLastName = "D", SourcedId = "same" });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync(Ct));
        }
        await using var read = db.System();
        Assert.Equal(1, await read.AuditEntries.CountAsync(a => a.OrganisationId == school.Id, Ct));
    }

    [Fact]
    public async Task TheDatabaseRefusesToEditOrDeleteAuditEntries()
    {
        var (db, _) = await SchoolAsync(server);
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync(Ct);
        foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"ActorName\" = 'x'", "DELETE FROM \"AuditEntries\"", "TRUNCATE \"AuditEntries\"" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync(Ct));
            Assert.Contains("append-only", e.MessageText);
        }
    }

    [Fact]
    public async Task SecretsNeverReachTheTrail()
    {
        var db = await TestDb.CreateAsync(server);
        await using var ctx = db.System();
        ctx.Users.Add(new SafeSocial.Core.Identity.AppUser { Id = Guid.NewGuid(), DisplayName = "X", UserName = "x@example.org", PasswordHash = "HASHVALUE-SECRET" });
        await ctx.SaveChangesAsync(Ct);
        var entry = await ctx.AuditEntries.SingleAsync(a => a.EntityType == "AppUser", Ct);
        Assert.DoesNotContain("HASHVALUE-SECRET", entry.Changes);
    }
}
