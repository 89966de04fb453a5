using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent;

/// <summary>Decisions are added, never overwritten; the latest wins; only someone entitled may decide; each is audited.</summary>
public class ConsentHistoryTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2025, 10, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2025, 10, 15);

    [Fact]
    public async Task GivenThenWithdrawnThenGivenAgain_KeepsAllThree_AndTheLatestStands()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var family = await world.FamilyAsync("Ash");

        await world.DecideAsync(family, ConsentPurpose.Video, ConsentDecision.Given);
        Assert.Equal(ConsentReason.None, await world.CheckAsync(family, ConsentPurpose.Video, Today));
        await world.DecideAsync(family, ConsentPurpose.Video, ConsentDecision.Withdrawn, ConsentDecider.ByParent(family.FatherId));
        Assert.Equal(ConsentReason.Withdrawn, await world.CheckAsync(family, ConsentPurpose.Video, Today));
        await world.DecideAsync(family, ConsentPurpose.Video, ConsentDecision.Given);
        Assert.Equal(ConsentReason.None, await world.CheckAsync(family, ConsentPurpose.Video, Today));

        await using var ctx = world.Db.LimitedTo(world.School.Id);
        var history = await ctx.ConsentRecords.Where(r => r.PupilId == family.PupilId).OrderBy(r => r.RecordedAt).ToListAsync(Ct);
        Assert.Equal([ConsentDecision.Given, ConsentDecision.Withdrawn, ConsentDecision.Given], history.Select(r => r.Decision));
        Assert.Equal(["Ann Ash", "Bob Ash", "Ann Ash"], history.Select(r => r.DecidedByName));
        Assert.All(history, r => Assert.Equal(("Office Staff", ConsentSource.PaperForm), (r.RecordedBy, r.Source)));
        var standing = await new ConsentRegister(ctx, world.Clock).StandingAsync(world.School.Id, family.PupilId, ConsentPolicy.Default, Today, Ct);
        Assert.Equal(history[2].Id, standing[ConsentPurpose.Video].Latest?.Id);
        Assert.Equal(ConsentReason.NoAnswer, standing[ConsentPurpose.SchoolWebsite].Reason);
    }

    [Fact]
    public async Task AParentWithoutParentalResponsibility_IsRefused_AndNothingIsRecorded()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var family = await world.FamilyAsync("Birch");

        var outcome = await world.DecideAsync(family, ConsentPurpose.SchoolWebsite, ConsentDecision.Given, ConsentDecider.ByParent(family.StepParentId));

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("Cal Birch does not have parental responsibility for this pupil, so cannot give or withdraw consent", problem.Message);
        Assert.Equal(ConsentReason.NoAnswer, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, Today));
    }

    [Fact]
    public async Task AParentOfAnotherPupil_IsNotFound()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var family = await world.FamilyAsync("Cedar");
        var other = await world.FamilyAsync("Dogwood");

        var outcome = await world.DecideAsync(family, ConsentPurpose.SchoolWebsite, ConsentDecision.Given, ConsentDecider.ByParent(other.MotherId));

        Assert.False(outcome.Found);
        Assert.Equal(ConsentReason.NoAnswer, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, Today));
    }

    [Fact]
    public async Task APupilUnder18_DecidesOnlyWithACompetenceAssessment_WhichIsKept()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var family = await world.FamilyAsync("Elm", born: new DateOnly(2010, 1, 1));

        var unassessed = await world.DecideAsync(family, ConsentPurpose.PressAndLocalMedia, ConsentDecision.Given, ConsentDecider.ByPupil());
        Assert.Contains("judged them competent", Assert.Single(unassessed.Problems).Message);

        var assessed = await world.DecideAsync(family, ConsentPurpose.PressAndLocalMedia, ConsentDecision.Given, ConsentDecider.ByPupil("Head of Sixth Form", new DateOnly(2025, 10, 1), Role.Teacher));
        Assert.True(assessed.Succeeded);
        await using var ctx = world.Db.LimitedTo(world.School.Id);
        var record = await ctx.ConsentRecords.SingleAsync(r => r.PupilId == family.PupilId, Ct);
        Assert.True(record.DecidedByPupil);
        Assert.Equal(("Head of Sixth Form", new DateOnly(2025, 10, 1), Role.Teacher), (record.CompetenceAssessedBy, record.CompetenceAssessedOn, record.CompetenceAssessorRole));
    }

    [Fact]
    public async Task APupilDecides_OnlyFromThePolicysCompetenceAge_AndWithTheAssessorsRole()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var seven = await world.FamilyAsync("Ash", born: Today.AddYears(-7));
        var fifteen = await world.FamilyAsync("Yew", born: Today.AddYears(-15));
        var unborn = await world.FamilyAsync("Oak");
        var assessed = ConsentDecider.ByPupil("Jo Patel", Today.AddDays(-3), Role.DesignatedSafeguardingLead);
        var onlyAt18 = ConsentPolicy.Default with { CompetenceAge = 18 };

        Assert.Contains("from the age of 12", Assert.Single((await world.DecideAsync(seven, ConsentPurpose.Video, ConsentDecision.Given, assessed)).Problems).Message);
        Assert.Contains("date of birth is not recorded", Assert.Single((await world.DecideAsync(unborn, ConsentPurpose.Video, ConsentDecision.Given, assessed)).Problems).Message);
        Assert.Contains("from the age of 18", Assert.Single((await world.DecideAsync(fifteen, ConsentPurpose.Video, ConsentDecision.Given, assessed, onlyAt18)).Problems).Message);
        var roleless = await world.DecideAsync(fifteen, ConsentPurpose.Video, ConsentDecision.Given, ConsentDecider.ByPupil("Jo Patel", Today.AddDays(-3)));
        Assert.Contains("in what role", Assert.Single(roleless.Problems).Message);
        Assert.True((await world.DecideAsync(fifteen, ConsentPurpose.Video, ConsentDecision.Given, assessed)).Succeeded);
        Assert.Equal(ConsentReason.NoAnswer, await world.CheckAsync(seven, ConsentPurpose.Video, Today));
    }

    [Fact]
    public async Task APupilOf18_DecidesForThemselves()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var family = await world.FamilyAsync("Fir", born: new DateOnly(2007, 10, 15));

        Assert.True((await world.DecideAsync(family, ConsentPurpose.PressAndLocalMedia, ConsentDecision.Given, ConsentDecider.ByPupil())).Succeeded);
        Assert.Equal(ConsentReason.None, await world.CheckAsync(family, ConsentPurpose.PressAndLocalMedia, Today));
    }

    [Fact]
    public async Task EveryDecision_IsAudited_WithItsProvenance()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var family = await world.FamilyAsync("Gum");
        await world.DecideAsync(family, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(family, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);

        await using var ctx = world.Db.System();
        var ids = await ctx.ConsentRecords.Where(r => r.PupilId == family.PupilId).Select(r => r.Id.ToString()).ToListAsync(Ct);
        Assert.Equal(2, ids.Count);
        var audited = await ctx.AuditEntries.Where(a => a.EntityType == nameof(ConsentRecord) && a.Action == "Added" && ids.Contains(a.EntityId)).ToListAsync(Ct);
        Assert.Equal(ids.Order(), audited.Select(a => a.EntityId).Order());
        Assert.All(audited, a => Assert.Contains("PaperForm", a.Changes));
    }

    [Fact]
    public async Task APaperFormEnteredLate_DoesNotOverrideALaterWithdrawal_AndCannotBeDatedInTheFuture()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var family = await world.FamilyAsync("Hazel");
        await world.DecideAsync(family, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);

        await using var ctx = world.Db.LimitedTo(world.School.Id);
        var register = new ConsentRegister(ctx, world.Clock);
        var form = await register.RecordAsync(world.School.Id, family.PupilId, ConsentPurpose.SchoolWebsite, ConsentDecision.Given,
            ConsentDecider.ByParent(family.MotherId), ConsentWorld.Office, ConsentPolicy.Default, new DateOnly(2025, 9, 3), Ct);
        var future = await register.RecordAsync(world.School.Id, family.PupilId, ConsentPurpose.SchoolWebsite, ConsentDecision.Given,
            ConsentDecider.ByParent(family.MotherId), ConsentWorld.Office, ConsentPolicy.Default, Today.AddDays(1), Ct);

        Assert.True(form.Succeeded);
        Assert.Equal("DecidedOn", Assert.Single(future.Problems).Field);
        Assert.Equal(ConsentReason.Withdrawn, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, Today));
        Assert.Equal(ConsentReason.None, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, new DateOnly(2025, 9, 10)));
    }
}
