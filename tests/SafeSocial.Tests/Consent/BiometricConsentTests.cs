using SafeSocial.Core.Consent;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent;

/// <summary>The Protection of Freedoms Act 2012 rules: one parent's written consent, no parent objecting, the pupil's objection overrides.</summary>
public class BiometricConsentTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2025, 10, 15, 12, 0, 0, TimeSpan.Zero);

    private static async Task<bool> DecideAsync(ConsentWorld world, ConsentWorld.Family f, BiometricDecision decision, ConsentDecider by, bool inWriting = true)
    {
        await using var ctx = world.Db.LimitedTo(world.School.Id);
        var register = new ConsentRegister(ctx, world.Clock);
        var outcome = await register.RecordBiometricAsync(world.School.Id, f.PupilId, decision, by, inWriting, ConsentWorld.Office, Ct);
        Assert.True(outcome.Succeeded);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        return await register.BiometricAllowedAsync(world.School.Id, f.PupilId, Ct);
    }

    [Fact]
    public async Task OneParentsWrittenConsent_WithNoObjection_Allows()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Ash");
        Assert.True(await DecideAsync(world, f, BiometricDecision.Consented, ConsentDecider.ByParent(f.MotherId)));
    }

    [Fact]
    public async Task ConsentNotInWriting_DoesNotCount()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Birch");
        Assert.False(await DecideAsync(world, f, BiometricDecision.Consented, ConsentDecider.ByParent(f.MotherId), inWriting: false));
    }

    [Fact]
    public async Task OneParentObjecting_Overrides_TheOthersConsent()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Cedar");
        await DecideAsync(world, f, BiometricDecision.Consented, ConsentDecider.ByParent(f.MotherId));
        Assert.False(await DecideAsync(world, f, BiometricDecision.Objected, ConsentDecider.ByParent(f.FatherId)));
    }

    [Fact]
    public async Task ThePupilObjecting_Overrides_BothParentsConsent()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Dogwood");
        await DecideAsync(world, f, BiometricDecision.Consented, ConsentDecider.ByParent(f.MotherId));
        await DecideAsync(world, f, BiometricDecision.Consented, ConsentDecider.ByParent(f.FatherId));
        // Any pupil may object, whatever their age; no competence assessment is needed for that.
        Assert.False(await DecideAsync(world, f, BiometricDecision.Objected, ConsentDecider.ByPupil()));
    }

    [Fact]
    public async Task APhotoConsent_IsNotABiometricConsent()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Elm");
        await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await using var ctx = world.Db.LimitedTo(world.School.Id);
        Assert.False(await new ConsentRegister(ctx, world.Clock).BiometricAllowedAsync(world.School.Id, f.PupilId, Ct));
    }
}
