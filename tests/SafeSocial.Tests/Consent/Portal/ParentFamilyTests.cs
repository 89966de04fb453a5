using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent.Portal;

/// <summary>What a signed-in address may see and change: only children one of its parent records holds parental responsibility for.</summary>
public class ParentFamilyTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Ann = "ann.oak@home.example";
    private const string Step = "cal.step@home.example";

    /// <summary>Ann: a child at each school (a parent record at each). Cal: Sam's step-parent, without responsibility. Another family at school A.</summary>
    private static async Task<(PortalWorld World, Guid Sam, Guid Mia, Guid Other)> FamiliesAsync(PostgresServer server)
    {
        var world = await PortalWorld.CreateAsync(server);
        var (sam, _) = await world.ChildAsync(world.SchoolA, "Sam", "Oak", Ann);
        await world.ParentAsync(world.SchoolA, sam, "Cal", "Step", Step, responsibility: false, "Step-parent");
        var (mia, _) = await world.ChildAsync(world.SchoolB, "Mia", "Oak", Ann.ToUpperInvariant(), yearGroup: "7");
        var (other, _) = await world.ChildAsync(world.SchoolA, "Zed", "Pine", "pat.pine@home.example", parent: "Pat", relationship: "Father");
        return (world, sam, mia, other);
    }

    [Fact]
    public async Task AParent_SeesTheirChildrenAtEverySchool_AndNoOneElses()
    {
        var (world, sam, mia, _) = await FamiliesAsync(server);
        await using var ctx = world.Anonymous();
        var family = await world.Families(ctx).ForEmailAsync(" Ann.Oak@Home.Example ", Ct);

        Assert.Equal("Ann Oak", family.Name);
        Assert.Equal([(sam, "Sam Oak", "Alpha Primary"), (mia, "Mia Oak", "Beta Academy")], family.Children.Select(c => (c.PupilId, c.Name, c.SchoolName)));
        Assert.Equal(new[] { world.SchoolA.Id, world.SchoolB.Id }.Order(), family.SchoolIds.Order());
        // The rest of the request sees only those schools.
        Assert.Equal(family.SchoolIds.Order(), ctx.Scope.OrganisationIds.Order());
        Assert.False(ctx.Scope.Unrestricted);
    }

    [Fact]
    public async Task AStepParentWithoutResponsibility_SeesNoChild_AndAnUnknownAddressNone()
    {
        var (world, _, _, _) = await FamiliesAsync(server);
        Assert.Empty((await world.Families(world.Anonymous()).ForEmailAsync(Step, Ct)).Children);
        Assert.Empty((await world.Families(world.Anonymous()).ForEmailAsync("nobody@elsewhere.example", Ct)).Children);
    }

    [Fact]
    public async Task AnsweringForAChildWithoutResponsibility_IsNotFound_AndRecordsNothing()
    {
        var (world, sam, mia, other) = await FamiliesAsync(server);
        var attempts = new[] { (Step, sam), (Ann, other), (Step, mia), ("pat.pine@home.example", sam), (Ann, Guid.NewGuid()) };
        foreach (var (email, pupil) in attempts)
        {
            await using var ctx = world.Anonymous();
            var families = world.Families(ctx);
            var family = await families.ForEmailAsync(email, Ct);
            Assert.Null(await families.ConsentOfAsync(family, pupil, Ct));
            var saved = await families.SaveAsync(family, pupil, null, PortalWorld.Answers(true), Ct);
            Assert.False(saved.Outcome.Found, $"{email} could answer for {pupil}");
        }
        await using var check = world.Db.System();
        Assert.Equal(0, await check.ConsentRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task Saving_RecordsOnlyWhatChanged_InTheParentsName_FromThePortal()
    {
        var (world, sam, _, _) = await FamiliesAsync(server);
        await SaveAsync(world, Ann, sam, PortalWorld.Answers(true, (ConsentPurpose.PressAndLocalMedia, false)));
        world.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await SaveAsync(world, Ann, sam, PortalWorld.Answers(true, (ConsentPurpose.PressAndLocalMedia, false), (ConsentPurpose.Video, false)));

        var change = Assert.Single(second.Changes);
        Assert.Equal((ConsentPurpose.Video, PortalAnswer.Yes, PortalAnswer.No, ConsentDecision.Withdrawn), (change.Purpose.Key, change.From, change.To, change.Decision));
        await using var check = world.Db.System();
        var records = await check.ConsentRecords.Where(r => r.PupilId == sam).ToListAsync(Ct);
        Assert.Equal(ConsentPurpose.Defaults.Count + 1, records.Count);
        Assert.All(records, r => Assert.Equal((ConsentSource.ParentPortal, "Ann Oak", "Ann Oak", (Guid?)null), (r.Source, r.RecordedBy, r.DecidedByName, r.RecordedByUserId)));
        // "No" to a purpose never given is a refusal; "No" to one that stood is a withdrawal.
        Assert.Equal(ConsentDecision.Refused, records.Single(r => r.Purpose == ConsentPurpose.PressAndLocalMedia).Decision);
        Assert.Equal([ConsentDecision.Given, ConsentDecision.Withdrawn], records.Where(r => r.Purpose == ConsentPurpose.Video).OrderBy(r => r.RecordedAt).Select(r => r.Decision));
        var audit = await check.AuditEntries.Where(a => a.EntityType == "ConsentRecord").ToListAsync(Ct);
        Assert.Equal(records.Count, audit.Count);
        Assert.All(audit, a => Assert.Equal(("Ann Oak (parent, through the parent portal)", (Guid?)null, world.SchoolA.Id), (a.ActorName, a.ActorUserId, a.OrganisationId)));

        var unchanged = await SaveAsync(world, Ann, sam, PortalWorld.Answers(true, (ConsentPurpose.PressAndLocalMedia, false), (ConsentPurpose.Video, false)));
        Assert.Empty(unchanged.Changes);
        Assert.Equal(records.Count, await check.ConsentRecords.CountAsync(r => r.PupilId == sam, Ct));
    }

    [Fact]
    public async Task AWithdrawal_TakesEffectAtOnce_InTheConsentCheck()
    {
        var (world, sam, _, _) = await FamiliesAsync(server);
        await SaveAsync(world, Ann, sam, PortalWorld.Answers(true));
        var today = UkTime.Today(world.Clock);
        Assert.Equal(ConsentReason.None, await CheckAsync(world, sam, today));
        world.Clock.Advance(TimeSpan.FromSeconds(1));

        await SaveAsync(world, Ann, sam, PortalWorld.Answers(true, (ConsentPurpose.SchoolSocialMedia, false)));

        Assert.Equal(ConsentReason.Withdrawn, await CheckAsync(world, sam, today));
    }

    [Fact]
    public async Task EveryPurpose_NeedsAnAnswer_AndNothingIsSavedUntilItHasOne()
    {
        var (world, sam, _, _) = await FamiliesAsync(server);
        var saved = await SaveAsync(world, Ann, sam, PortalWorld.Answers(true, (ConsentPurpose.Video, null)), succeed: false);
        var problem = Assert.Single(saved.Outcome.Problems);
        Assert.Equal((ConsentPurpose.Video, "Select yes or no for Video"), (problem.Field, problem.Message));
        await using var check = world.Db.System();
        Assert.Equal(0, await check.ConsentRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task AnAddressSharedByTwoParents_MustSayWhoIsAnswering()
    {
        var world = await PortalWorld.CreateAsync(server);
        var (kit, ann) = await world.ChildAsync(world.SchoolA, "Kit", "Yew", "yew.family@home.example");
        var bob = await world.ParentAsync(world.SchoolA, kit, "Bob", "Yew", "yew.family@home.example", responsibility: true, "Father");

        await using (var ctx = world.Anonymous())
        {
            var families = world.Families(ctx);
            var family = await families.ForEmailAsync("yew.family@home.example", Ct);
            Assert.Equal("Ann Yew and Bob Yew", family.Name);
            var unsaid = await families.SaveAsync(family, kit, null, PortalWorld.Answers(true), Ct);
            Assert.Equal("Decider", Assert.Single(unsaid.Outcome.Problems).Field);
            var stranger = await families.SaveAsync(family, kit, Guid.NewGuid(), PortalWorld.Answers(true), Ct);
            Assert.Equal("Decider", Assert.Single(stranger.Outcome.Problems).Field);
            Assert.True((await families.SaveAsync(family, kit, bob, PortalWorld.Answers(true), Ct)).Outcome.Succeeded);
        }
        await using var check = world.Db.System();
        Assert.All(await check.ConsentRecords.ToListAsync(Ct), r => Assert.Equal((bob, "Bob Yew"), (r.DecidedByParentId!.Value, r.DecidedByName)));
        Assert.DoesNotContain(await check.ConsentRecords.ToListAsync(Ct), r => r.DecidedByParentId == ann);
    }

    private static async Task<ConsentPlan> SaveAsync(PortalWorld world, string email, Guid pupil, Dictionary<string, bool?> answers, bool succeed = true)
    {
        await using var ctx = world.Anonymous();
        var families = world.Families(ctx);
        var saved = await families.SaveAsync(await families.ForEmailAsync(email, Ct), pupil, null, answers, Ct);
        Assert.Equal(succeed, saved.Outcome.Succeeded);
        return saved;
    }

    private static async Task<ConsentReason> CheckAsync(PortalWorld world, Guid pupil, DateOnly on)
    {
        await using var ctx = world.Db.LimitedTo(world.SchoolA.Id);
        var result = await new ConsentCheck(ctx).CheckAsync(world.SchoolA.Id, [pupil], ConsentPurpose.SchoolSocialMedia, on, ConsentPolicy.Default, ct: Ct);
        return Assert.Single(result).Reason;
    }
}
