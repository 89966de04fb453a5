using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>No pupil under the account's minimum user age (nor one of unknown age, a leaver, or one without photo consent) ever gets a sign-in on it.</summary>
public class PupilContributorTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(AccountWorld W, Guid School, Guid AccountId)
    {
        public async Task<Guid> PupilAsync(string first, DateOnly? born, DateOnly? leaving = null, ConsentDecision? socialMedia = ConsentDecision.Given)
        {
            await using var ctx = W.Db.System();
            var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = School, LegalFirstName = first, LegalLastName = "Quill", DateOfBirth = born, LeavingDate = leaving, YearGroup = "9" };
            ctx.Pupils.Add(pupil);
            if (socialMedia is { } decision)
                ctx.ConsentRecords.Add(new ConsentRecord
                {
                    Id = Guid.NewGuid(), OrganisationId = School, PupilId = pupil.Id, Purpose = ConsentPurpose.SchoolSocialMedia, Decision = decision,
                    DecidedOn = AccountWorld.Today.AddDays(-20), DecidedByName = "A parent", Source = ConsentSource.PaperForm, RecordedBy = "Office",
                    RecordedAt = AccountWorld.Now.AddDays(-20),
                });
            await ctx.SaveChangesAsync(Ct);
            return pupil.Id;
        }

        public PupilContributors Service(Core.Data.SafeSocialDb ctx) =>
            new(ctx, new ConsentPolicyService(ctx, new PolicySettingsService(ctx)), new ConsentCheck(ctx), W.Clock);

        public async Task<Core.People.Outcome> AddAsync(Guid? pupilId, Guid? accountId = null)
        {
            await using var ctx = W.As(Guid.NewGuid(), "Ellie Safety");
            return await Service(ctx).AddAsync(School, accountId ?? AccountId, pupilId, Ct);
        }

        public async Task<ContributorPanel> PanelAsync()
        {
            await using var ctx = W.Db.System();
            return (await Service(ctx).PanelAsync(School, AccountId, true, Ct))!;
        }
    }

    /// <summary>A standalone secondary's Instagram account (minimum age 13) that lets pupils contribute; today is 1 October 2026.</summary>
    private async Task<World> WorldAsync(bool pupilsMayContribute = true, bool approved = true)
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.Standalone.Id;
        await using var ctx = w.Db.System();
        var request = AccountWorld.ValidRequest("media@gamma.sch.uk");
        request.Platform = Platform.Instagram;
        request.PupilsMayContribute = pupilsMayContribute;
        var (id, outcome) = await new AccountRegister(ctx, new PolicySettingsService(ctx), w.Clock).RequestAsync(school, request, Ct);
        Assert.True(outcome.Succeeded);
        var world = new World(w, school, id!.Value);
        if (approved)
        {
            var (_, head) = await w.PersonAsync(school, "Sam", Role.Headteacher);
            Assert.True((await w.DecideAsync(head, school, world.AccountId, ApprovalDecision.Approve)).Succeeded);
        }
        return world;
    }

    private static string Refusal(Core.People.Outcome outcome) => Assert.Single(outcome.Problems).Message;

    [Fact]
    public async Task APupilWhoTurnsTheMinimumAgeTodayIsAddedAndTheAdditionAndRemovalAreAudited()
    {
        var world = await WorldAsync();
        var pupil = await world.PupilAsync("Ada", new DateOnly(2013, 10, 1));

        Assert.True((await world.AddAsync(pupil)).Succeeded);

        var row = Assert.Single((await world.PanelAsync()).Contributors);
        Assert.Equal("Ada Quill", row.Name);
        Assert.Equal("Ellie Safety", row.AddedBy);
        Assert.Equal(AccountWorld.Today, row.AddedOn);
        Assert.Equal("Ada Quill already contributes to this account", Refusal(await world.AddAsync(pupil)));

        await using (var ctx = world.W.As(Guid.NewGuid(), "Ellie Safety"))
            Assert.True((await world.Service(ctx).RemoveAsync(world.School, world.AccountId, pupil, Ct)).Succeeded);
        Assert.Empty((await world.PanelAsync()).Contributors);
        await using var db = world.W.Db.System();
        var trail = await db.AuditEntries.Where(a => a.EntityType == nameof(PupilContributor)).OrderBy(a => a.Sequence).Select(a => a.Action + " by " + a.ActorName).ToListAsync(Ct);
        Assert.Equal(["Added by Ellie Safety", "Deleted by Ellie Safety"], trail);
    }

    [Fact]
    public async Task APupilWhoseLeavingDateComes_LosesTheirSignIn_ThroughTheDailyCheck_WithTheReasonAudited()
    {
        var world = await WorldAsync();
        var leaving = AccountWorld.Today.AddDays(2);
        var ada = await world.PupilAsync("Ada", new DateOnly(2010, 1, 1), leaving);
        var bea = await world.PupilAsync("Bea", new DateOnly(2010, 1, 1));
        Assert.True((await world.AddAsync(ada)).Succeeded);
        Assert.True((await world.AddAsync(bea)).Succeeded);
        Assert.Equal(0, (await SweepAsync(world)).ContributorsEnded);
        Assert.Equal(2, (await world.PanelAsync()).Contributors.Count);

        world.W.Clock.Advance(TimeSpan.FromDays(2));
        if (world.W.Db.Clock is FakeClock db && !ReferenceEquals(db, world.W.Clock)) db.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, (await SweepAsync(world)).ContributorsEnded);

        Assert.Equal(["Bea Quill"], (await world.PanelAsync()).Contributors.Select(c => c.Name));
        await using (var ctx = world.W.Db.System())
        {
            var ended = await ctx.AuditEntries.SingleAsync(a => a.EntityType == nameof(PupilContributor) && a.Action == "Deleted", Ct);
            Assert.Equal("SafeSocial daily official account check", ended.ActorName);
            Assert.StartsWith($"Left the school on {Core.UkTime.Format(leaving)}", ended.Reason);
        }
        Assert.Equal(0, (await SweepAsync(world)).ContributorsEnded);
    }

    private static async Task<AccountCareSweepResult> SweepAsync(World world)
    {
        await using var ctx = world.W.Db.System("SafeSocial daily official account check");
        return await new AccountCareSweep(ctx, new PolicySettingsService(ctx), world.W.Clock).RunAsync(Core.UkTime.Today(world.W.Clock), Ct);
    }

    [Fact]
    public async Task APupilADayUnderTheMinimumAgeIsRefusedWithTheirAgeAndTheRule()
    {
        var world = await WorldAsync();
        var pupil = await world.PupilAsync("Bea", new DateOnly(2013, 10, 2));

        Assert.Equal("Bea Quill is 12, under this account's minimum user age of 13: no account is created for a pupil under it", Refusal(await world.AddAsync(pupil)));
        Assert.Empty((await world.PanelAsync()).Contributors);
    }

    [Fact]
    public async Task APupilWithNoDateOfBirthIsRefusedUntilItIsRecorded()
    {
        var world = await WorldAsync();
        var pupil = await world.PupilAsync("Cal", born: null);
        Assert.EndsWith("record their date of birth first", Refusal(await world.AddAsync(pupil)));
    }

    [Fact]
    public async Task NoPupilIsAddedBeforeTheAccountIsApproved()
    {
        var world = await WorldAsync(approved: false);
        var pupil = await world.PupilAsync("Abe", new DateOnly(2010, 5, 5));
        Assert.Equal("Pupils can be added only once the account has every approval the policy names", Refusal(await world.AddAsync(pupil)));
        Assert.Empty((await world.PanelAsync()).Candidates);
    }

    [Fact]
    public async Task APupilWhoHasLeftIsRefused()
    {
        var world = await WorldAsync();
        var pupil = await world.PupilAsync("Dee", new DateOnly(2010, 5, 5), leaving: new DateOnly(2026, 7, 20));
        Assert.Equal("Dee Quill has left the school, so cannot contribute", Refusal(await world.AddAsync(pupil)));
    }

    [Fact]
    public async Task AnAccountWhoseCaseDoesNotLetPupilsContributeRefusesEveryPupil()
    {
        var world = await WorldAsync(pupilsMayContribute: false);
        var pupil = await world.PupilAsync("Eve", new DateOnly(2010, 5, 5));
        Assert.Equal("The case for this account does not let pupils contribute, so no pupil can have a sign-in on it", Refusal(await world.AddAsync(pupil)));
    }

    [Fact]
    public async Task APupilWhosePhotoConsentForSocialMediaIsWithdrawnOrNotGivenIsRefused()
    {
        var world = await WorldAsync();
        var withdrawn = await world.PupilAsync("Fay", new DateOnly(2010, 5, 5), socialMedia: ConsentDecision.Withdrawn);
        var unanswered = await world.PupilAsync("Gus", new DateOnly(2010, 5, 5), socialMedia: null);

        Assert.Equal("Fay Quill's photo consent for the school's social media accounts has been withdrawn, so they cannot contribute", Refusal(await world.AddAsync(withdrawn)));
        Assert.Equal("Gus Quill has no photo consent for the school's social media accounts: record their parents' answer first", Refusal(await world.AddAsync(unanswered)));
    }

    [Fact]
    public async Task APupilOfAnotherSchoolOrNoneChosenIsRefusedAndAnotherSchoolsAccountIsNotFound()
    {
        var world = await WorldAsync();
        var other = Guid.NewGuid();
        await using (var ctx = world.W.Db.System())
        {
            ctx.Pupils.Add(new Pupil { Id = other, OrganisationId = world.W.Orgs.School.Id, LegalFirstName = "Hal", LegalLastName = "Other", DateOfBirth = new DateOnly(2010, 1, 1) });
            await ctx.SaveChangesAsync(Ct);
        }
        Assert.Equal("Select a pupil of the school", Refusal(await world.AddAsync(other)));
        Assert.Equal("Select the pupil", Refusal(await world.AddAsync(null)));
        Assert.False((await world.AddAsync(await world.PupilAsync("Ivy", new DateOnly(2010, 1, 1)), accountId: Guid.NewGuid())).Found);
    }

    [Fact]
    public async Task TheAccountPageCountsPupilsOnRollUnderTheMinimumAgeAndThoseWithNoDateOfBirth()
    {
        var world = await WorldAsync();
        await world.PupilAsync("Old", new DateOnly(2013, 10, 1));
        await world.PupilAsync("Young", new DateOnly(2013, 10, 2));
        await world.PupilAsync("Younger", new DateOnly(2016, 1, 1));
        await world.PupilAsync("Unknown", born: null);
        await world.PupilAsync("Gone", new DateOnly(2016, 1, 1), leaving: new DateOnly(2026, 7, 20));

        var panel = await world.PanelAsync();

        Assert.Equal((4, 2, 1), (panel.OnRoll, panel.UnderMinimumAge, panel.NoDateOfBirth));
        // Only those known to be old enough are offered; the counts above (and the form's hint) say who is not, and why.
        Assert.Equal(["Old Quill"], panel.Candidates.Select(c => c.Name));
    }

    [Theory]
    [InlineData("2013-10-01", "2026-10-01", false, 13)]
    [InlineData("2013-10-02", "2026-10-01", true, 12)]
    // Born on 29 February: a year older on 1 March when the year has no 29 February.
    [InlineData("2012-02-29", "2025-02-28", true, 12)]
    [InlineData("2012-02-29", "2025-03-01", false, 13)]
    [InlineData("2015-02-28", "2028-02-29", false, 13)]
    [InlineData("2015-03-01", "2028-02-29", true, 12)]
    public void AgeIsCountedAsTheLawCountsIt(string born, string today, bool under13, int age)
    {
        var (b, t) = (DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(under13, MinimumAge.IsUnder(b, t, 13));
        Assert.Equal(age, MinimumAge.AgeOn(b, t));
    }
}
