using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Policy;

public class PolicySettingsServiceTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly PolicySettingDefinition ReviewCycle = PolicySettingDefinition.Find("review-cycle")!;
    private static readonly PolicySettingDefinition Invitations = PolicySettingDefinition.Find("invitation-valid")!;

    [Fact]
    public void Layer_WithNothingSet_UsesSafeSocialsDefaults_AnAnnualReview()
    {
        var layered = PolicySettingsService.Layer(Guid.NewGuid(), OrganisationKind.School, Guid.NewGuid(), trust: null, own: null);

        Assert.Equal(12, layered.Effective.ReviewCycleMonths);
        Assert.All(layered.Settings, s => Assert.Equal(SettingSource.SafeSocialDefault, s.Source));
    }

    [Fact]
    public void Layer_ASchoolInheritsWhatItsTrustSets_AndOverridesOnlyWhatItSetsItself()
    {
        var trust = new PolicySettings { ReviewCycleMonths = 24, InvitationValidDays = 3 };
        var own = new PolicySettings { InvitationValidDays = 10 };

        var layered = PolicySettingsService.Layer(Guid.NewGuid(), OrganisationKind.School, Guid.NewGuid(), trust, own);

        Assert.Equal(EffectivePolicySettings.Defaults with { ReviewCycleMonths = 24, InvitationValidDays = 10 }, layered.Effective);
        Assert.Equal((24, SettingSource.Trust, (int?)null), (layered["review-cycle"].Value, layered["review-cycle"].Source, layered["review-cycle"].OwnValue));
        Assert.Equal((10, SettingSource.ThisOrganisation, 3, SettingSource.Trust),
            (layered["invitation-valid"].Value, layered["invitation-valid"].Source, layered["invitation-valid"].InheritedValue, layered["invitation-valid"].InheritedSource));
    }

    [Fact]
    public async Task EffectiveFor_ASchoolPersonWhoCannotSeeTheTrust_StillGetsTheTrustsSettings()
    {
        var world = await PolicyWorld.CreateAsync(server);
        await using (var trustCtx = world.Db.LimitedTo(world.Trust.Id))
            await new PolicySettingsService(trustCtx).SetAsync(world.Trust.Id, ReviewCycle, 24, Ct);

        await using var schoolOnly = world.Db.LimitedTo(world.School.Id);
        var service = new PolicySettingsService(schoolOnly);

        Assert.Equal(24, (await service.EffectiveForAsync(world.School.Id, Ct)).ReviewCycleMonths);
        Assert.Equal(SettingSource.Trust, (await service.LayersForAsync(world.School.Id, Ct))["review-cycle"].Source);
        Assert.Equal(12, (await service.EffectiveForAsync(world.Standalone.Id, Ct)).ReviewCycleMonths);
        var many = await service.EffectiveForManyAsync([world.School.Id, world.SecondSchool.Id, world.Standalone.Id, world.Trust.Id], Ct);
        Assert.Equal([24, 24, 12, 24], new[] { world.School.Id, world.SecondSchool.Id, world.Standalone.Id, world.Trust.Id }.Select(id => many[id].ReviewCycleMonths));
    }

    [Fact]
    public async Task Set_OverridesForOneSchool_ThenRevertingInheritsAgain_AndBothAreAudited()
    {
        var world = await PolicyWorld.CreateAsync(server);
        await using var ctx = world.Db.System("Ms Head");
        var service = new PolicySettingsService(ctx);
        await service.SetAsync(world.Trust.Id, ReviewCycle, 24, Ct);

        await service.SetAsync(world.School.Id, ReviewCycle, 6, Ct);
        Assert.Equal(6, (await service.EffectiveForAsync(world.School.Id, Ct)).ReviewCycleMonths);
        Assert.Equal(24, (await service.EffectiveForAsync(world.SecondSchool.Id, Ct)).ReviewCycleMonths);
        var trustView = await service.LayersForAsync(world.Trust.Id, Ct);
        Assert.Equal(["Alpha Primary"], trustView["review-cycle"].SchoolsOverriding);
        Assert.Empty(trustView["invitation-valid"].SchoolsOverriding);

        await service.SetAsync(world.School.Id, ReviewCycle, null, Ct);
        var layered = await service.LayersForAsync(world.School.Id, Ct);
        Assert.Equal((24, SettingSource.Trust), (layered["review-cycle"].Value, layered["review-cycle"].Source));

        var trail = await ctx.AuditEntries.Where(a => a.OrganisationId == world.School.Id && a.EntityType == "PolicySettings")
            .OrderBy(a => a.Sequence).Select(a => new { a.Action, a.Changes, a.ActorName }).ToListAsync(Ct);
        Assert.Equal(["Added", "Modified"], trail.Select(t => t.Action));
        Assert.Contains("\"ReviewCycleMonths\":[6,null]", trail[1].Changes);
    }

    [Fact]
    public async Task Set_RefusesAValueOutsideTheSettingsBounds()
    {
        var world = await PolicyWorld.CreateAsync(server);
        await using var ctx = world.Db.System();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new PolicySettingsService(ctx).SetAsync(world.School.Id, Invitations, 0, Ct));
    }
}
