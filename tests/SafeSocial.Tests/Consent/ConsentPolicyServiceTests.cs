using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Consent;

/// <summary>A school's consent rules come from its policy settings: SafeSocial's defaults, then the trust's, then its own.</summary>
public class ConsentPolicyServiceTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestDb Db, Org Trust, Org School)> TrustWithSchoolAsync()
    {
        var db = await TestDb.CreateAsync(server, new FakeClock(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero)));
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = "Community Trust" };
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Alpha Primary", TrustId = trust.Id };
        await using var ctx = db.System();
        ctx.Organisations.AddRange(trust, school);
        await ctx.SaveChangesAsync(Ct);
        return (db, trust, school);
    }

    private static ConsentPolicyService Service(Core.Data.SafeSocialDb ctx) => new(ctx, new PolicySettingsService(ctx));

    [Fact]
    public async Task ASchoolThatSetsNothing_GetsSafeSocialsDefaults()
    {
        var (db, _, school) = await TrustWithSchoolAsync();
        await using var ctx = db.System();
        var policy = await Service(ctx).ForAsync(school.Id, Ct);
        Assert.Equal(ConsentValidity.WholeEnrolment, policy.Validity);
        Assert.Equal(30, policy.TakedownDueDays);
        Assert.Equal(ConsentPurpose.Defaults.Select(p => p.Key), policy.Purposes.Select(p => p.Key));
    }

    [Fact]
    public async Task TheTrustLimitsPurposes_AndTheSchoolAddsItsOwn_AndSetsAcademicYearValidity()
    {
        var (db, trust, school) = await TrustWithSchoolAsync();
        await using (var ctx = db.System())
        {
            var service = Service(ctx);
            await service.SetPurposeAsync(trust.Id, ConsentPurpose.PressAndLocalMedia, "Press and local media", offered: false, Ct);
            await service.SetPurposeAsync(school.Id, "school-newsletter", "The printed school newsletter", offered: true, Ct);
            var settings = new PolicySettingsService(ctx);
            await settings.SetAsync(trust.Id, PolicySettingDefinition.Find("takedown-due")!, 21, Ct);
            await settings.SetAsync(school.Id, PolicySettingDefinition.Find("consent-validity")!, (int)ConsentValidity.AcademicYear, Ct);
        }
        await using var read = db.System();
        var policy = await Service(read).ForAsync(school.Id, Ct);
        Assert.Equal(ConsentValidity.AcademicYear, policy.Validity);
        Assert.Equal(21, policy.TakedownDueDays);
        Assert.False(policy.HasPurpose(ConsentPurpose.PressAndLocalMedia));
        Assert.Equal("The printed school newsletter", policy.Purpose("school-newsletter")?.Name);

        // The trust's own list is untouched by the school's addition.
        var trustPolicy = await Service(read).ForAsync(trust.Id, Ct);
        Assert.False(trustPolicy.HasPurpose("school-newsletter"));
    }

    [Fact]
    public async Task ASchoolCanOfferAgainAPurposeItsTrustSwitchedOff()
    {
        var (db, trust, school) = await TrustWithSchoolAsync();
        await using (var ctx = db.System())
        {
            await Service(ctx).SetPurposeAsync(trust.Id, ConsentPurpose.Video, "Video", offered: false, Ct);
            await Service(ctx).SetPurposeAsync(school.Id, ConsentPurpose.Video, "Video", offered: true, Ct);
        }
        await using var read = db.System();
        var layers = await Service(read).PurposesAsync(school.Id, Ct);
        var video = Assert.Single(layers, l => l.Purpose.Key == ConsentPurpose.Video);
        Assert.True(video.Offered);
        Assert.Equal(SettingSource.ThisOrganisation, video.Source);
    }
}
