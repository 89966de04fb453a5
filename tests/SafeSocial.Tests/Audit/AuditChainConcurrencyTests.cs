using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Audit;

public class AuditChainConcurrencyTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestDb Db, Guid SchoolId)> SchoolAsync()
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Test Primary" };
        await using var ctx = db.System();
        ctx.Organisations.Add(school);
        await ctx.SaveChangesAsync(Ct);
        return (db, school.Id);
    }

    private static Pupil NewPupil(Guid schoolId, string name) =>
        new() { Id = Guid.NewGuid(), OrganisationId = schoolId, LegalFirstName = name, LegalLastName = "Test" };

    [Fact]
    public async Task ContextsSavingToTheSameSchoolInParallel_StillMakeOneValidChain()
    {
        var (db, schoolId) = await SchoolAsync();
        const int writers = 8;
        var contexts = Enumerable.Range(0, writers).Select(i => db.System($"Writer {i}")).ToList();
        try
        {
            // Every context has its pupil staged before any saves, so the saves overlap as far as the lock allows.
            for (var i = 0; i < writers; i++) contexts[i].Pupils.Add(NewPupil(schoolId, $"Pupil {i}"));
            await Task.WhenAll(contexts.Select(c => Task.Run(() => c.SaveChangesAsync(Ct), Ct)));
        }
        finally
        {
            foreach (var c in contexts) await c.DisposeAsync();
        }

        await using var read = db.System();
        var result = await new AuditVerifier(read).VerifyAsync(schoolId, Ct);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(1 + writers, result.EntriesChecked);
        Assert.Equal(writers, await read.Pupils.CountAsync(Ct));
    }

    [Fact]
    public async Task AContextSavingAgainAfterAnotherHasSaved_ContinuesFromTheNewEnd()
    {
        var (db, schoolId) = await SchoolAsync();
        await using var first = db.System();
        await using var second = db.System();
        first.Pupils.Add(NewPupil(schoolId, "A"));
        await first.SaveChangesAsync(Ct); // first now remembers the chain head it wrote
        second.Pupils.Add(NewPupil(schoolId, "B"));
        await second.SaveChangesAsync(Ct);

        first.Pupils.Add(NewPupil(schoolId, "C"));
        await first.SaveChangesAsync(Ct);

        await using var read = db.System();
        var result = await new AuditVerifier(read).VerifyAsync(schoolId, Ct);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(4, result.EntriesChecked);
    }

    [Fact]
    public async Task ASaveThatFails_ThenSucceedsInTheSameContext_LeavesNoGapOrStrayEntry()
    {
        var (db, schoolId) = await SchoolAsync();
        await using var ctx = db.System();
        ctx.Pupils.Add(new Pupil { Id = Guid.NewGuid(), OrganisationId = schoolId, LegalFirstName = "A", LegalLastName = "B", SourcedId = "one" });
        await ctx.SaveChangesAsync(Ct);
        var clash = new Pupil { Id = Guid.NewGuid(), OrganisationId = schoolId, LegalFirstName = "C", LegalLastName = "D", SourcedId = "one" };
        ctx.Pupils.Add(clash);
        ctx.RecordAction(schoolId, "Viewed", "Pupil", "someone");
        await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync(Ct));

        clash.SourcedId = "two";
        await ctx.SaveChangesAsync(Ct);

        await using var read = db.System();
        var result = await new AuditVerifier(read).VerifyAsync(schoolId, Ct);
        Assert.True(result.Intact, result.Summary);
        var trail = await read.AuditEntries.Where(a => a.OrganisationId == schoolId).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["Added", "Added", "Added", "Viewed"], trail);
    }
}
