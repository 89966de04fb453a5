using SafeSocial.Core.Consent;
using SafeSocial.Core.People;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent;

/// <summary>
/// The pupil search reads each pupil's consent badge in its own query: the badge must still be what ConsentCheck answers,
/// purpose by purpose, for a pupil in every state.
/// </summary>
public class PupilSearchBadgeTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset FifteenthOctober = new(2025, 10, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondSeptember = new(2026, 9, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsentPolicy WholeEnrolment = ConsentPolicy.Default with { Validity = ConsentValidity.WholeEnrolment };
    private static readonly ConsentPolicy AcademicYear = ConsentPolicy.Default with { Validity = ConsentValidity.AcademicYear };
    private static readonly PupilQuery Everyone = new(null, null, null, ShowLeavers: true, Page: 1);

    [Fact]
    public async Task SearchBadges_EqualConsentCheck_ForEveryState_UnderBothValidities()
    {
        var world = await ConsentWorld.CreateAsync(server, FifteenthOctober);
        var silent = await world.FamilyAsync("Silent");
        var given = await world.FamilyAsync("Given");
        var some = await world.FamilyAsync("Some");
        var withdrawn = await world.FamilyAsync("Withdrawn");
        var refused = await world.FamilyAsync("Refused");
        var renewed = await world.FamilyAsync("Renewed");
        var left = await world.FamilyAsync("Left", leaving: new DateOnly(2025, 10, 15));
        var noName = await world.FamilyAsync("NoName");
        foreach (var f in new[] { given, withdrawn, renewed, left, noName })
            foreach (var purpose in ConsentPurpose.Defaults)
                await DecideAsync(world, f, purpose.Key, ConsentDecision.Given);
        await DecideAsync(world, some, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await DecideAsync(world, withdrawn, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Withdrawn);
        foreach (var purpose in ConsentPurpose.Defaults)
            await DecideAsync(world, refused, purpose.Key, ConsentDecision.Refused);
        await DecideAsync(world, noName, ConsentPurpose.FirstNameWithImage, ConsentDecision.Refused);

        var inOctober = await BadgesAsync(world, WholeEnrolment);
        Assert.Equal(inOctober, await BadgesAsync(world, AcademicYear));
        Assert.Equal(ConsentLevel.NoConsent, inOctober[silent.PupilId]);
        Assert.Equal(ConsentLevel.AllPurposes, inOctober[given.PupilId]);
        Assert.Equal(ConsentLevel.SomePurposes, inOctober[some.PupilId]);
        Assert.Equal(ConsentLevel.SomePurposes, inOctober[withdrawn.PupilId]);
        Assert.Equal(ConsentLevel.NoConsent, inOctober[refused.PupilId]);
        Assert.Equal(ConsentLevel.NoConsent, inOctober[left.PupilId]);
        // Every place given, the first name refused: a badge never hides a no.
        Assert.Equal(ConsentLevel.SomePurposes, inOctober[noName.PupilId]);

        // A new academic year: consent given last year lapses under the academic-year policy, except the one given again.
        world.Clock.Now = SecondSeptember;
        foreach (var purpose in ConsentPurpose.Defaults)
            await DecideAsync(world, renewed, purpose.Key, ConsentDecision.Given, AcademicYear);
        var wholeEnrolment = await BadgesAsync(world, WholeEnrolment);
        var academicYear = await BadgesAsync(world, AcademicYear);
        Assert.Equal(ConsentLevel.AllPurposes, wholeEnrolment[given.PupilId]);
        Assert.Equal(ConsentLevel.NoConsent, academicYear[given.PupilId]);
        Assert.Equal(ConsentLevel.NoConsent, academicYear[withdrawn.PupilId]);
        Assert.Equal(ConsentLevel.AllPurposes, academicYear[renewed.PupilId]);
    }

    [Fact]
    public async Task SearchWithBadges_ListsTheSamePupils_InTheSameOrder_AsWithout()
    {
        var world = await ConsentWorld.CreateAsync(server, FifteenthOctober);
        foreach (var surname in new[] { "Oak", "Ash", "Elm", "Birch" })
        {
            var f = await world.FamilyAsync(surname);
            await DecideAsync(world, f, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
            await DecideAsync(world, f, ConsentPurpose.Video, ConsentDecision.Given);
        }
        await using var ctx = world.Db.LimitedTo(world.School.Id);
        var service = new PupilService(ctx, world.Clock);

        var without = await service.SearchAsync(world.School.Id, Everyone, ct: Ct);
        var with = await service.SearchAsync(world.School.Id, Everyone, WholeEnrolment, Ct);

        Assert.Equal(["Sam Ash", "Sam Birch", "Sam Elm", "Sam Oak"], with.Rows.Select(r => r.KnownAs));
        Assert.Equal(without.Rows, with.Rows.Select(r => r with { Consent = null }));
        Assert.Equal(4, with.Total);
        Assert.All(without.Rows, r => Assert.Null(r.Consent));
        Assert.All(with.Rows, r => Assert.Equal(ConsentLevel.SomePurposes, r.Consent));
    }

    private static async Task DecideAsync(ConsentWorld world, ConsentWorld.Family f, string purpose, ConsentDecision decision, ConsentPolicy? policy = null) =>
        Assert.True((await world.DecideAsync(f, purpose, decision, policy: policy)).Succeeded);

    /// <summary>
    /// Each pupil's badge from the search, after checking it equals what ConsentCheck answers: no consent when no place is
    /// allowed, all purposes only when every place is allowed with the first name shown too.
    /// </summary>
    private static async Task<Dictionary<Guid, ConsentLevel>> BadgesAsync(ConsentWorld world, ConsentPolicy policy)
    {
        await using var ctx = world.Db.LimitedTo(world.School.Id);
        var today = Core.UkTime.Today(world.Clock);
        var rows = (await new PupilService(ctx, world.Clock).SearchAsync(world.School.Id, Everyone, policy, Ct)).Rows;
        var ids = rows.Select(r => r.Id).ToList();
        var allowed = ids.ToDictionary(id => id, _ => 0);
        var allowedWithName = ids.ToDictionary(id => id, _ => 0);
        var channels = ConsentRoster.Channels(policy);
        var check = new ConsentCheck(ctx);
        foreach (var channel in channels)
        {
            foreach (var answer in await check.CheckAsync(world.School.Id, ids, channel.Key, today, policy, ct: Ct))
                if (answer.Allowed) allowed[answer.PupilId]++;
            foreach (var answer in await check.CheckAsync(world.School.Id, ids, channel.Key, today, policy, showFirstName: true, ct: Ct))
                if (answer.Allowed) allowedWithName[answer.PupilId]++;
        }

        foreach (var row in rows)
        {
            var expected = allowed[row.Id] == 0 ? ConsentLevel.NoConsent
                : allowedWithName[row.Id] == channels.Count ? ConsentLevel.AllPurposes : ConsentLevel.SomePurposes;
            Assert.Equal(expected, row.Consent);
        }
        return rows.ToDictionary(r => r.Id, r => r.Consent!.Value);
    }
}
