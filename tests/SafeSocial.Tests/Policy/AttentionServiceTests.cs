using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Policy;

/// <summary>The dashboard's review warnings at 60, 30 and 7 days and when overdue, on a fake clock.</summary>
public class AttentionServiceTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = new(2026, 3, 10);
    // Midday UTC in March is midday in London too: no question which day "today" is.
    private static readonly FakeClock Clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    private static Membership SchoolMember(Core.Organisation.Organisation school) =>
        new(school.Id, school.Name, OrganisationKind.School, school.TrustId, new HashSet<Role> { Role.Headteacher }, new HashSet<Permission>());

    private static async Task RecordDueInAsync(PolicyWorld world, Guid schoolId, int days, int? ownCycle = null)
    {
        await using var ctx = world.Db.System();
        var cycle = ownCycle ?? (await new PolicySettingsService(ctx).EffectiveForAsync(schoolId, Ct)).ReviewCycleMonths;
        var ratified = Today.AddDays(days).AddMonths(-cycle);
        await new PolicyVersionService(ctx, new PolicySettingsService(ctx), Clock)
            .RecordAsync(schoolId, new NewPolicyVersion(ratified.AddDays(-14), "Governing body", ratified, ownCycle, null), Ct);
    }

    private static async Task<IReadOnlyList<AttentionItem>> AttentionAsync(PolicyWorld world, Membership m)
    {
        await using var ctx = world.Db.LimitedTo(m.OrganisationId);
        return await new AttentionService(ctx, Clock, new PolicySettingsService(ctx)).ForAsync(m, Ct);
    }

    [Theory]
    [InlineData(61, null)]
    [InlineData(60, "Due within 60 days")]
    [InlineData(59, "Due within 60 days")]
    [InlineData(31, "Due within 60 days")]
    [InlineData(30, "Due within 30 days")]
    [InlineData(8, "Due within 30 days")]
    [InlineData(7, "Due within 7 days")]
    [InlineData(1, "Due within 7 days")]
    [InlineData(0, "Due within 7 days")]
    [InlineData(-1, "Overdue")]
    [InlineData(-200, "Overdue")]
    public async Task TheReviewWarning_AtEachThreshold(int daysUntilDue, string? expectedTag)
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await RecordDueInAsync(world, world.School.Id, daysUntilDue);

        var items = await AttentionAsync(world, SchoolMember(world.School));

        Assert.Equal(expectedTag, items.SingleOrDefault()?.Tag);
        if (expectedTag is not null) Assert.Equal($"/o/{world.School.Id}/policy", items.Single().Href);
    }

    [Fact]
    public async Task TheWarningSaysWhenTheReviewIsDue()
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await RecordDueInAsync(world, world.School.Id, -1);
        Assert.Equal("The policy review is overdue: it was due on 9 March 2026", (await AttentionAsync(world, SchoolMember(world.School))).Single().Text);

        await RecordDueInAsync(world, world.School.Id, 0);
        Assert.Equal("The policy review is due today", (await AttentionAsync(world, SchoolMember(world.School))).Single().Text);

        await RecordDueInAsync(world, world.School.Id, 30);
        Assert.Equal("The policy review is due in 30 days, on 9 April 2026", (await AttentionAsync(world, SchoolMember(world.School))).Single().Text);
    }

    [Fact]
    public async Task ATrustsLongerReviewCycle_MovesTheDueDateOfSchoolsThatFollowIt()
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await RecordDueInAsync(world, world.School.Id, -30);
        Assert.Equal("Overdue", (await AttentionAsync(world, SchoolMember(world.School))).Single().Tag);

        await using (var ctx = world.Db.System())
            await new PolicySettingsService(ctx).SetAsync(world.Trust.Id, PolicySettingDefinition.Find("review-cycle")!, 24, Ct);

        Assert.Empty(await AttentionAsync(world, SchoolMember(world.School)));
    }

    [Fact]
    public async Task AVersionWithItsOwnCycle_KeepsItsOwnDate_WhateverTheTrustSets()
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await RecordDueInAsync(world, world.School.Id, 5, ownCycle: 6);

        await using (var ctx = world.Db.System())
            await new PolicySettingsService(ctx).SetAsync(world.Trust.Id, PolicySettingDefinition.Find("review-cycle")!, 24, Ct);

        Assert.Equal("Due within 7 days", (await AttentionAsync(world, SchoolMember(world.School))).Single().Tag);
    }

    [Fact]
    public async Task ATrustsPeople_SeeEachSchoolsReview_NamedBySchool()
    {
        var world = await PolicyWorld.CreateAsync(server, Clock);
        await RecordDueInAsync(world, world.School.Id, 10);
        await RecordDueInAsync(world, world.SecondSchool.Id, -3);
        var m = new Membership(world.Trust.Id, world.Trust.Name, OrganisationKind.Trust, null, new HashSet<Role> { Role.TrustExecutiveLeadership }, new HashSet<Permission>());

        await using var ctx = world.Db.LimitedTo(world.Trust.Id, world.School.Id, world.SecondSchool.Id);
        var items = await new AttentionService(ctx, Clock, new PolicySettingsService(ctx)).ForAsync(m, Ct);

        Assert.Equal(["Overdue", "Due within 30 days"], items.Select(i => i.Tag));
        Assert.EndsWith("(Beta Primary)", items[0].Text);
        Assert.EndsWith("(Alpha Primary)", items[1].Text);
    }
}
