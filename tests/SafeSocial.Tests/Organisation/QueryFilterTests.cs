using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Organisation;

/// <summary>The query filter is the backstop: even a page that forgot to check sees only its own schools.</summary>
public class QueryFilterTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AContextLimitedToOneSchool_NeverReturnsAnotherSchoolsRecords()
    {
        var db = await TestDb.CreateAsync(server);
        var a = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "A" };
        var b = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "B" };
        var pupilB = new Pupil { Id = Guid.NewGuid(), OrganisationId = b.Id, LegalFirstName = "Bea", LegalLastName = "B" };
        await using (var ctx = db.System())
        {
            ctx.Organisations.AddRange(a, b);
            ctx.Pupils.AddRange(new Pupil { Id = Guid.NewGuid(), OrganisationId = a.Id, LegalFirstName = "Ann", LegalLastName = "A" }, pupilB);
            ctx.Parents.Add(new Parent { Id = Guid.NewGuid(), OrganisationId = b.Id, FirstName = "Par", LastName = "B" });
            await ctx.SaveChangesAsync(Ct);
        }

        await using var limited = db.LimitedTo(a.Id);
        Assert.Equal(["Ann"], await limited.Pupils.Select(p => p.LegalFirstName).ToListAsync(Ct));
        Assert.Null(await limited.Pupils.FirstOrDefaultAsync(p => p.Id == pupilB.Id, Ct));
        Assert.Empty(await limited.Parents.ToListAsync(Ct));
        Assert.Equal(["A"], await limited.Organisations.Select(o => o.Name).ToListAsync(Ct));
    }

    [Fact]
    public async Task AContextNobodyOpened_SeesNothing()
    {
        var db = await TestDb.CreateAsync(server);
        await using (var ctx = db.System())
        {
            ctx.Organisations.Add(new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "A" });
            await ctx.SaveChangesAsync(Ct);
        }
        await using var closed = db.LimitedTo();
        Assert.Empty(await closed.Organisations.ToListAsync(Ct));
    }
}
