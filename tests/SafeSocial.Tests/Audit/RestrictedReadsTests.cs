using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Audit;

public class RestrictedReadsTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadingAPupil_IsRecordedInTheSchoolsTrail_UnderThePupilsOwnTypeAndId()
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Test Primary" };
        var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = "Amara", LegalLastName = "Okafor" };
        await using (var setup = db.System())
        {
            setup.Organisations.Add(school);
            setup.Pupils.Add(pupil);
            await setup.SaveChangesAsync(Ct);
        }

        await using (var page = db.LimitedTo(school.Id))
        {
            page.Audit.ActAs(Guid.NewGuid(), "Ms Teacher", "192.0.2.7");
            var read = await page.Pupils.AsNoTracking().SingleAsync(p => p.Id == pupil.Id, Ct);
            await page.RecordViewAsync(read, reason: "Checking photo consent", ct: Ct);
        }

        await using var ctx = db.System();
        var viewed = await ctx.AuditEntries.Where(a => a.OrganisationId == school.Id).OrderByDescending(a => a.Sequence).FirstAsync(Ct);
        var added = await ctx.AuditEntries.SingleAsync(a => a.Action == "Added" && a.EntityType == "Pupil", Ct);
        Assert.Equal(("Viewed", added.EntityType, added.EntityId), (viewed.Action, viewed.EntityType, viewed.EntityId));
        Assert.Equal(("Ms Teacher", "192.0.2.7", "Checking photo consent"), (viewed.ActorName, viewed.IpAddress, viewed.Reason));
        Assert.Null(viewed.Changes);
        Assert.True((await new AuditVerifier(ctx).VerifyAsync(school.Id, Ct)).Intact);
    }
}
