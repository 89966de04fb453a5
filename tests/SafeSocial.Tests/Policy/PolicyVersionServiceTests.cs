using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Policy;

public class PolicyVersionServiceTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly FakeClock Clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    private static PolicyVersionService Service(Core.Data.SafeSocialDb ctx) => new(ctx, new PolicySettingsService(ctx), Clock);

    [Fact]
    public async Task Record_NamesTodaysRoleHolders_AndDatesTheNextReviewFromRatification()
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await world.StaffAsync(world.School.Id, "Zara", "Ahmed", Role.Headteacher);
        await world.StaffAsync(world.School.Id, "Tom", "Baker", Role.Headteacher);
        await world.StaffAsync(world.School.Id, "Old", "Head", Role.Headteacher, leaving: new DateOnly(2025, 8, 31));
        await world.StaffAsync(world.School.Id, "Dee", "Sellers", Role.DesignatedSafeguardingLead);
        await world.StaffAsync(world.School.Id, "Deputy", "One", Role.DeputyDesignatedSafeguardingLead);
        await world.StaffAsync(world.School.Id, "Gail", "Spragg", Role.Governor, namedGovernor: true);
        await world.StaffAsync(world.School.Id, "Other", "Governor", Role.Governor);
        await world.StaffAsync(world.SecondSchool.Id, "Not", "Ours", Role.Headteacher);

        await using var ctx = world.Db.System("Ms Ahmed");
        var v = await Service(ctx).RecordAsync(world.School.Id,
            new NewPolicyVersion(new DateOnly(2026, 2, 1), "Governing body", new DateOnly(2026, 2, 20), null, "Added Instagram"), Ct);

        Assert.Equal(1, v.Version);
        Assert.Equal(("Zara Ahmed, Tom Baker", "Dee Sellers", "Deputy One", "Gail Spragg"),
            (v.Headteachers, v.SafeguardingLeads, v.DeputySafeguardingLeads, v.NamedGovernor));
        Assert.Equal(new DateOnly(2027, 2, 20), v.NextReviewDue);
        Assert.Null(v.ReviewCycleMonths);
        var entry = await ctx.AuditEntries.SingleAsync(a => a.EntityType == "PolicyVersion", Ct);
        Assert.Equal(("Added", "Added Instagram", "Ms Ahmed"), (entry.Action, entry.Reason, entry.ActorName));
    }

    [Fact]
    public async Task Record_AVersionWithItsOwnCycle_KeepsIt_AndTheNextVersionNumberFollows()
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await using var ctx = world.Db.System();
        var service = Service(ctx);
        await service.RecordAsync(world.School.Id, new NewPolicyVersion(new DateOnly(2025, 1, 1), "Governing body", new DateOnly(2025, 1, 10), null, null), Ct);

        var v = await service.RecordAsync(world.School.Id, new NewPolicyVersion(new DateOnly(2026, 1, 5), "Trust executive leadership team", new DateOnly(2026, 1, 15), 6, null), Ct);

        Assert.Equal((2, 6, new DateOnly(2026, 7, 15)), (v.Version, v.ReviewCycleMonths, v.NextReviewDue));
        var overview = await service.OverviewAsync(world.School.Id, Ct);
        Assert.Equal([2, 1], overview.History.Select(h => h.Version));
        Assert.Equal(new DateOnly(2026, 7, 15), overview.ReviewDue);
    }

    [Fact]
    public async Task AVersionFollowingTheSettings_IsDueByTheCycleInForceNow()
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await using var ctx = world.Db.System();
        var service = Service(ctx);
        await service.RecordAsync(world.School.Id, new NewPolicyVersion(new DateOnly(2025, 1, 1), "Governing body", new DateOnly(2025, 1, 10), null, null), Ct);
        Assert.Equal(ReviewUrgency.Overdue, (await service.OverviewAsync(world.School.Id, Ct)).Urgency);

        await new PolicySettingsService(ctx).SetAsync(world.Trust.Id, PolicySettingDefinition.Find("review-cycle")!, 24, Ct);

        var overview = await service.OverviewAsync(world.School.Id, Ct);
        Assert.Equal((new DateOnly(2027, 1, 10), ReviewUrgency.NotDue), (overview.ReviewDue, overview.Urgency));
    }

    [Fact]
    public async Task KeyPeople_Match_TellsWhetherTheRoleHoldersHaveChangedSinceTheVersion()
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await world.StaffAsync(world.School.Id, "Zara", "Ahmed", Role.Headteacher);
        await using var ctx = world.Db.System();
        var service = Service(ctx);
        var v = await service.RecordAsync(world.School.Id, new NewPolicyVersion(new DateOnly(2026, 1, 1), "Governing body", new DateOnly(2026, 1, 2), null, null), Ct);
        Assert.True((await service.KeyPeopleAsync(world.School.Id, Ct)).Match(v));

        await world.StaffAsync(world.School.Id, "New", "Dsl", Role.DesignatedSafeguardingLead);

        Assert.False((await service.KeyPeopleAsync(world.School.Id, Ct)).Match(v));
    }
}
