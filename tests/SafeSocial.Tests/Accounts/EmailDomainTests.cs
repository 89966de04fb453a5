using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>The official email domains: each one checked, and a school's own list replacing the trust's.</summary>
public class EmailDomainTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("school.sch.uk", true)]
    [InlineData("my-trust.org.uk", true)]
    [InlineData("localhost", false)]
    [InlineData("-bad.org.uk", false)]
    [InlineData("bad-.org.uk", false)]
    [InlineData("under_score.org.uk", false)]
    [InlineData("school.sch.u1", false)]
    [InlineData("two..dots.uk", false)]
    public void IsDomain_ChecksEachPart(string domain, bool valid) => Assert.Equal(valid, AccountEmailDomainsSetting.IsDomain(domain));

    [Fact]
    public void Parse_NamesTheFirstBadDomain_AndNeedsOne()
    {
        var (_, problem) = AccountEmailDomainsSetting.Parse("good.sch.uk, bad_one.uk, worse");
        Assert.StartsWith("\"bad_one.uk\" is not an email domain", problem);
        Assert.Equal("Enter at least one email domain, like school.sch.uk", AccountEmailDomainsSetting.Parse(" , ").Problem);
        Assert.Equal(["a.sch.uk", "b.org.uk"], AccountEmailDomainsSetting.Parse("@A.sch.uk\r\nb.org.uk; a.sch.uk").Domains);
    }

    [Fact]
    public async Task ASchool_InheritsTheTrustsDomains_UntilItListsItsOwn()
    {
        var w = await AccountWorld.CreateAsync(server);
        await using var ctx = w.Db.System();
        var setting = new AccountEmailDomainsSetting(ctx);
        var school = w.Orgs.School.Id;
        var layers = await setting.LayersAsync(school, Ct);
        Assert.Null(layers.Own);
        Assert.Equal(["herontrust.org.uk"], layers.Effective);
        Assert.Equal(SettingSource.Trust, layers.Source);

        Assert.Equal("Domains", (await setting.SetAsync(school, inherit: false, "alpha sch uk", Ct)).Problems.Single().Field);
        Assert.True((await setting.SetAsync(school, inherit: false, "alpha.sch.uk", Ct)).Succeeded);
        layers = await setting.LayersAsync(school, Ct);
        Assert.Equal(["alpha.sch.uk"], layers.Effective);
        Assert.Equal(["herontrust.org.uk"], layers.Inherited);
        Assert.Equal(["alpha.sch.uk"], (await new PolicySettingsService(ctx).EffectiveForAsync(school, Ct)).AccountEmailDomains);

        Assert.True((await setting.SetAsync(school, inherit: true, null, Ct)).Succeeded);
        Assert.Equal(["herontrust.org.uk"], (await setting.LayersAsync(school, Ct)).Effective);
        // The standalone school has no trust: it inherits SafeSocial's default, which lists nothing.
        Assert.Equal(SettingSource.SafeSocialDefault, (await setting.LayersAsync(w.Orgs.Standalone.Id, Ct)).InheritedSource);
    }
}
