using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Audit;

public class AuditChainParallelWritersTests(PostgresServer server)
{
    [Fact]
    public async Task ManyWritersAtOnce_ForOneOrganisation_EachGetTheirOwnPlaceInTheChain()
    {
        var ct = TestContext.Current.CancellationToken;
        // As the application connects: prepared statements, no reset between uses.
        var db = new TestDb(await server.CreateDatabaseAsync() + ";Max Auto Prepare=100;Auto Prepare Min Usages=2;No Reset On Close=true");
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Busy Primary" };
        await using (var ctx = db.System())
        {
            ctx.Organisations.Add(school);
            await ctx.SaveChangesAsync(ct);
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            for (var n = 0; n < 5; n++)
            {
                await using var ctx = db.System($"Reader {i}");
                ctx.RecordAction(school.Id, "Viewed", "Pupil", $"{i}-{n}");
                await ctx.SaveChangesAsync(ct);
            }
        }));
        await using var read = db.System();
        var trail = await read.AuditEntries.Where(a => a.OrganisationId == school.Id).OrderBy(a => a.Sequence).ToListAsync(ct);
        Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), trail.Select(a => a.Sequence));
    }
}

public class AuditChainBulkTests(PostgresServer server)
{
    [Fact]
    public async Task BulkSavesWithoutChangeDetection_StillMoveTheChainHeadOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Bulk Primary" };
        await using (var ctx = db.System())
        {
            ctx.ChangeTracker.AutoDetectChangesEnabled = false;
            ctx.Organisations.Add(school);
            await ctx.SaveChangesAsync(ct);
            for (var batch = 0; batch < 3; batch++)
            {
                ctx.Pupils.AddRange(Enumerable.Range(0, 5).Select(i => new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = $"P{batch}{i}", LegalLastName = "B" }));
                await ctx.SaveChangesAsync(ct);
            }
        }
        await using var read = db.System();
        var head = await read.AuditChainHeads.SingleAsync(h => h.OrganisationId == school.Id, ct);
        Assert.Equal(16, head.Sequence);
        Assert.True((await new AuditVerifier(read).VerifyAsync(school.Id, ct)).Intact);
    }
}
