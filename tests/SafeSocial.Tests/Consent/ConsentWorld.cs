using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Consent;

/// <summary>A school with pupils, each with a mother who has parental responsibility and a step-parent who has not.</summary>
internal sealed record ConsentWorld(TestDb Db, FakeClock Clock, Org School)
{
    public static readonly ConsentProvenance Office = new(ConsentSource.PaperForm, "Office Staff");

    public static async Task<ConsentWorld> CreateAsync(PostgresServer server, DateTimeOffset now)
    {
        var clock = new FakeClock(now);
        var db = await TestDb.CreateAsync(server, clock);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Alpha Primary" };
        await using var ctx = db.System();
        ctx.Organisations.Add(school);
        await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new ConsentWorld(db, clock, school);
    }

    public sealed record Family(Guid PupilId, Guid MotherId, Guid FatherId, Guid StepParentId);

    public async Task<Family> FamilyAsync(string surname, DateOnly? leaving = null, DateOnly? born = null)
    {
        var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = School.Id, LegalFirstName = "Sam", LegalLastName = surname, LeavingDate = leaving, DateOfBirth = born };
        Parent P(string first) => new() { Id = Guid.NewGuid(), OrganisationId = School.Id, FirstName = first, LastName = surname };
        var (mother, father, step) = (P("Ann"), P("Bob"), P("Cal"));
        await using var ctx = Db.System();
        ctx.Pupils.Add(pupil);
        ctx.Parents.AddRange(mother, father, step);
        PupilParent Link(Parent p, string rel, bool pr) => new() { Id = Guid.NewGuid(), OrganisationId = School.Id, PupilId = pupil.Id, ParentId = p.Id, Relationship = rel, HasParentalResponsibility = pr };
        ctx.PupilParents.AddRange(Link(mother, "Mother", true), Link(father, "Father", true), Link(step, "Step-parent", false));
        await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new Family(pupil.Id, mother.Id, father.Id, step.Id);
    }

    /// <summary>Records a decision at the clock's time, then moves the clock on a minute so the next one is later.</summary>
    public async Task<Core.People.Outcome> DecideAsync(Family f, string purpose, ConsentDecision decision, ConsentDecider? by = null, ConsentPolicy? policy = null)
    {
        await using var ctx = Db.LimitedTo(School.Id);
        var outcome = await new ConsentRegister(ctx, Clock).RecordAsync(School.Id, f.PupilId, purpose, decision, by ?? ConsentDecider.ByParent(f.MotherId),
            Office, policy ?? ConsentPolicy.Default, ct: TestContext.Current.CancellationToken);
        Clock.Advance(TimeSpan.FromMinutes(1));
        return outcome;
    }

    public async Task<ConsentReason> CheckAsync(Family f, string purpose, DateOnly on, ConsentPolicy? policy = null, bool firstName = false)
    {
        await using var ctx = Db.LimitedTo(School.Id);
        var results = await new ConsentCheck(ctx).CheckAsync(School.Id, [f.PupilId], purpose, on, policy ?? ConsentPolicy.Default, firstName, TestContext.Current.CancellationToken);
        return Assert.Single(results).Reason;
    }
}
