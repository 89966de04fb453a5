using Microsoft.Extensions.Caching.Memory;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.People;

/// <summary>The pupil search's class list is remembered between requests, but never past a change to the classes.</summary>
public class ClassListTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RememberedClassList_ShowsAClassAddedOrRenamed_OnTheNextRequest()
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Alpha Primary" };
        var oak = new SchoolClass { Id = Guid.NewGuid(), OrganisationId = school.Id, Name = "Oak", YearGroup = "3" };
        await using (var ctx = db.System())
        {
            ctx.Organisations.Add(school);
            ctx.SchoolClasses.Add(oak);
            await ctx.SaveChangesAsync(Ct);
        }
        using var cache = new MemoryCache(new MemoryCacheOptions());
        async Task<List<string>> NamesAsync()
        {
            await using var ctx = db.LimitedTo(school.Id);
            return (await new PupilService(ctx, TimeProvider.System, cache).ClassesAsync(school.Id, Ct)).Select(c => c.Name).ToList();
        }

        Assert.Equal(["Oak"], await NamesAsync());
        Assert.Equal(["Oak"], await NamesAsync());

        await using (var ctx = db.LimitedTo(school.Id))
        {
            ctx.SchoolClasses.Add(new SchoolClass { Id = Guid.NewGuid(), OrganisationId = school.Id, Name = "Ash", YearGroup = "3" });
            await ctx.SaveChangesAsync(Ct);
        }
        Assert.Equal(["Ash", "Oak"], await NamesAsync());

        await using (var ctx = db.LimitedTo(school.Id))
        {
            (await ctx.SchoolClasses.FindAsync([oak.Id], Ct))!.Name = "Willow";
            await ctx.SaveChangesAsync(Ct);
        }
        Assert.Equal(["Ash", "Willow"], await NamesAsync());
    }
}
