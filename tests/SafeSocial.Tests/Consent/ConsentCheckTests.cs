using SafeSocial.Core.Consent;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent;

/// <summary>The check answers per pupil, with the reason when the answer is no.</summary>
public class ConsentCheckTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2025, 10, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2025, 10, 15);

    [Fact]
    public async Task EachReason_IsGiven_ForTheRightPupil_InOneGroupCheck()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var allowed = await world.FamilyAsync("Allowed");
        var noAnswer = await world.FamilyAsync("Silent");
        var withdrawn = await world.FamilyAsync("Withdrawn");
        var refused = await world.FamilyAsync("Refused");
        var otherPurpose = await world.FamilyAsync("Website");
        var lapsed = await world.FamilyAsync("Leaver", leaving: new DateOnly(2025, 10, 15));
        await world.DecideAsync(allowed, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Given);
        await world.DecideAsync(withdrawn, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Given);
        await world.DecideAsync(withdrawn, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Withdrawn);
        await world.DecideAsync(refused, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Refused);
        await world.DecideAsync(otherPurpose, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(lapsed, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Given);

        await using var ctx = world.Db.LimitedTo(world.School.Id);
        var group = new[] { allowed, noAnswer, withdrawn, refused, otherPurpose, lapsed }.Select(f => f.PupilId).ToList();
        var results = await new ConsentCheck(ctx).CheckAsync(world.School.Id, group, ConsentPurpose.SchoolSocialMedia, Today, ConsentPolicy.Default, ct: Ct);

        Assert.Equal(group, results.Select(r => r.PupilId));
        Assert.Equal([ConsentReason.None, ConsentReason.NoAnswer, ConsentReason.Withdrawn, ConsentReason.PurposeNotGiven, ConsentReason.NoAnswer, ConsentReason.Lapsed],
            results.Select(r => r.Reason));
        Assert.True(results[0].Allowed);
        Assert.False(results[1].Allowed);
    }

    [Fact]
    public async Task AcademicYearConsent_IsReportedLapsed_AfterAugust()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Ash");
        var policy = ConsentPolicy.Default with { Validity = ConsentValidity.AcademicYear };
        await world.DecideAsync(f, ConsentPurpose.DisplaysInSchool, ConsentDecision.Given, policy: policy);
        Assert.Equal(ConsentReason.Lapsed, await world.CheckAsync(f, ConsentPurpose.DisplaysInSchool, new DateOnly(2026, 9, 1), policy));
    }

    [Fact]
    public async Task ShowingAFirstName_NeedsItsOwnConsent()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Birch");
        await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);

        Assert.Equal(ConsentReason.None, await world.CheckAsync(f, ConsentPurpose.SchoolWebsite, Today));
        Assert.Equal(ConsentReason.FirstNameNotAllowed, await world.CheckAsync(f, ConsentPurpose.SchoolWebsite, Today, firstName: true));
        await world.DecideAsync(f, ConsentPurpose.FirstNameWithImage, ConsentDecision.Given);
        Assert.Equal(ConsentReason.None, await world.CheckAsync(f, ConsentPurpose.SchoolWebsite, Today, firstName: true));
    }

    [Fact]
    public async Task APurposeTheSchoolDoesNotUse_IsNotGiven_ForAnyone()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Cedar");
        // The trust policy in the seeds limits consent to school and trust accounts.
        var trustOnly = new ConsentPolicy(ConsentValidity.WholeEnrolment,
            ConsentPurpose.Defaults.Where(p => p.Key is ConsentPurpose.SchoolSocialMedia or ConsentPurpose.TrustSocialMedia).ToList());
        Assert.Equal(ConsentReason.PurposeNotGiven, await world.CheckAsync(f, ConsentPurpose.PressAndLocalMedia, Today, trustOnly));
        var refused = await world.DecideAsync(f, ConsentPurpose.PressAndLocalMedia, ConsentDecision.Given, policy: trustOnly);
        Assert.Equal("Purpose", Assert.Single(refused.Problems).Field);
    }

    [Fact]
    public async Task APupilOfAnotherSchool_HasNoAnswerHere()
    {
        var world = await ConsentWorld.CreateAsync(server, Now);
        var f = await world.FamilyAsync("Dogwood");
        await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await using var ctx = world.Db.System();
        var results = await new ConsentCheck(ctx).CheckAsync(Guid.NewGuid(), [f.PupilId], ConsentPurpose.SchoolWebsite, Today, ConsentPolicy.Default, ct: Ct);
        Assert.Equal(ConsentReason.NoAnswer, Assert.Single(results).Reason);
    }
}
