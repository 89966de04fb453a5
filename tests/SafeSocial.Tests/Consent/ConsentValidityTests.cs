using SafeSocial.Core.Consent;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent;

/// <summary>How long a given consent lasts under each policy model, across the August boundary.</summary>
public class ConsentValidityTests(PostgresServer server)
{
    private static readonly DateTimeOffset FifteenthOctober = new(2025, 10, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsentPolicy AcademicYear = ConsentPolicy.Default with { Validity = ConsentValidity.AcademicYear };
    private static readonly ConsentPolicy WholeEnrolment = ConsentPolicy.Default with { Validity = ConsentValidity.WholeEnrolment };

    [Fact]
    public async Task AcademicYearConsent_GivenInOctober_HoldsTo31August_AndLapsesOn1September()
    {
        var world = await ConsentWorld.CreateAsync(server, FifteenthOctober);
        var family = await world.FamilyAsync("Ash");
        Assert.True((await world.DecideAsync(family, ConsentPurpose.SchoolWebsite, ConsentDecision.Given, policy: AcademicYear)).Succeeded);

        Assert.Equal(ConsentReason.None, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, new DateOnly(2026, 8, 31), AcademicYear));
        Assert.Equal(ConsentReason.Lapsed, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, new DateOnly(2026, 9, 1), AcademicYear));
    }

    [Fact]
    public async Task WholeEnrolmentConsent_GivenInOctober_StillHoldsNextSeptember()
    {
        var world = await ConsentWorld.CreateAsync(server, FifteenthOctober);
        var family = await world.FamilyAsync("Birch");
        await world.DecideAsync(family, ConsentPurpose.SchoolWebsite, ConsentDecision.Given, policy: WholeEnrolment);

        Assert.Equal(ConsentReason.None, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, new DateOnly(2026, 9, 1), WholeEnrolment));
        Assert.Equal(ConsentReason.None, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, new DateOnly(2030, 9, 1), WholeEnrolment));
    }

    [Fact]
    public async Task WholeEnrolmentConsent_OfALeaver_LapsesOnTheLeavingDate()
    {
        var world = await ConsentWorld.CreateAsync(server, FifteenthOctober);
        var family = await world.FamilyAsync("Cedar", leaving: new DateOnly(2026, 7, 22));
        await world.DecideAsync(family, ConsentPurpose.SchoolWebsite, ConsentDecision.Given, policy: WholeEnrolment);

        Assert.Equal(ConsentReason.None, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, new DateOnly(2026, 7, 21), WholeEnrolment));
        Assert.Equal(ConsentReason.Lapsed, await world.CheckAsync(family, ConsentPurpose.SchoolWebsite, new DateOnly(2026, 7, 22), WholeEnrolment));
    }

    [Fact]
    public void AcademicYearConsent_GivenInAugust_LapsesThatSameAugust()
    {
        Assert.Equal(new DateOnly(2026, 8, 31), AcademicYear.LastValidDay(new DateOnly(2026, 8, 20)));
        Assert.Equal(new DateOnly(2027, 8, 31), AcademicYear.LastValidDay(new DateOnly(2026, 9, 1)));
        Assert.Null(WholeEnrolment.LastValidDay(new DateOnly(2026, 9, 1)));
    }
}
