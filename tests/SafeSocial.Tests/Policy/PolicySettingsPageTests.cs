using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Demo;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Policy;

/// <summary>On its own database, because it changes the trust's settings.</summary>
public class PolicySettingsPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> OrganisationAsync(string name)
    {
        await using var db = app.Db.System();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct);
    }

    private static (string Value, string Source) ReviewCycle(IHtmlDocument page) =>
        (page.QuerySelector("#setting-review-cycle .ss-setting-value")!.TextContent.Trim(), page.QuerySelector("#setting-review-cycle .ss-setting-source")!.TextContent.Trim());

    [Fact]
    public async Task ATrustSetsTheCycle_ASchoolInheritsIt_OverridesIt_AndGoesBack()
    {
        var trustId = await OrganisationAsync(DemoSeeder.TrustName);
        var schoolId = await OrganisationAsync("Alder Brook Primary School");
        var trust = await app.SignedInAsync("trust-executive-leadership@demo.safesocial.test");
        var head = await app.SignedInAsync("headteacher@demo.safesocial.test");
        Assert.Equal(("12 months", "SafeSocial default"), ReviewCycle(await head.GetPageAsync($"/o/{schoolId}/policy/settings")));

        var saved = await trust.PostFormAsync($"/o/{trustId}/policy/settings/review-cycle", [new("Choice", "own"), new("Value", "24")]);
        Assert.Equal($"/o/{trustId}/policy/settings", saved.Headers.Location!.OriginalString);
        Assert.Equal(("24 months", "This trust (otherwise 12 months, SafeSocial's default)"), ReviewCycle(await trust.GetPageAsync($"/o/{trustId}/policy/settings")));
        Assert.Equal(("24 months", "Trust default"), ReviewCycle(await head.GetPageAsync($"/o/{schoolId}/policy/settings")));
        var policy = await head.GetPageAsync($"/o/{schoolId}/policy");
        Assert.Contains("Every 24 months (from the policy settings)", policy.QuerySelector("#current-version")!.TextContent);
        await using (var db = app.Db.System())
        {
            var v1 = await db.PolicyVersions.SingleAsync(p => p.OrganisationId == schoolId, Ct);
            Assert.Contains(UkTime.Format(v1.RatifiedOn!.Value.AddMonths(24)), policy.QuerySelector("#current-version")!.TextContent);
        }

        await head.PostFormAsync($"/o/{schoolId}/policy/settings/review-cycle", [new("Choice", "own"), new("Value", "6")]);
        var school = await head.GetPageAsync($"/o/{schoolId}/policy/settings");
        Assert.Equal(("6 months", "This school (otherwise 24 months, the trust default)"), ReviewCycle(school));
        Assert.Contains("Policy review cycle is now 6 months for Alder Brook Primary School", school.QuerySelector("#changed")!.TextContent);
        Assert.Contains("Set differently by Alder Brook Primary School", (await trust.GetPageAsync($"/o/{trustId}/policy/settings")).QuerySelector("#setting-review-cycle")!.TextContent);

        await head.PostFormAsync($"/o/{schoolId}/policy/settings/review-cycle", [new("Choice", "inherit"), new("Value", "6")]);
        Assert.Equal(("24 months", "Trust default"), ReviewCycle(await head.GetPageAsync($"/o/{schoolId}/policy/settings")));
    }

    [Fact]
    public async Task AValueOutOfBounds_SaysWhatToFix_AndKeepsIt()
    {
        var schoolId = await OrganisationAsync("St Hilda's CE Primary School");
        var head = await app.SignedInAsync("headteacher.second-school@demo.safesocial.test");

        var response = await head.PostFormAsync($"/o/{schoolId}/policy/settings/review-cycle", [new("Choice", "own"), new("Value", "99")]);

        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Policy review cycle must be between 1 and 60 months", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("99", page.QuerySelector("#Value")!.GetAttribute("value"));
        var none = await TestClient.ParseAsync(await head.PostFormAsync($"/o/{schoolId}/policy/settings/review-cycle", []));
        Assert.Contains("Select whether this school sets its own value", none.QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task Governor_SeesTheSettings_ButCannotChangeThem()
    {
        var schoolId = await OrganisationAsync("Alder Brook Primary School");
        var governor = await app.SignedInAsync("governor@demo.safesocial.test");

        var page = await governor.GetPageAsync($"/o/{schoolId}/policy/settings");

        Assert.Equal(SafeSocial.Core.Policy.PolicySettingDefinition.All.Count, page.QuerySelectorAll("#settings .govuk-summary-list__row").Length);
        Assert.Empty(page.QuerySelectorAll("#settings a"));
        var change = await governor.GetAsync($"/o/{schoolId}/policy/settings/review-cycle");
        Assert.True(change.StatusCode == HttpStatusCode.Forbidden || change.Headers.Location?.OriginalString.Contains("/error/403", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AnUnknownSetting_IsNotFound()
    {
        var schoolId = await OrganisationAsync("Alder Brook Primary School");
        var head = await app.SignedInAsync("headteacher@demo.safesocial.test");

        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/o/{schoolId}/policy/settings/no-such-setting")).StatusCode);
    }

    [Fact]
    public async Task ASchoolChoosesConsentPerAcademicYear_AndTheConsentRulesFollow()
    {
        var schoolId = await OrganisationAsync("St Hilda's CE Primary School");
        var head = await app.SignedInAsync("headteacher.second-school@demo.safesocial.test");
        var form = await head.GetPageAsync($"/o/{schoolId}/policy/settings/consent-validity");
        Assert.Equal(["inherit", "0", "1"], form.QuerySelectorAll("input[name=Choice]").Select(i => i.GetAttribute("value")!));

        var wrong = await TestClient.ParseAsync(await head.PostFormAsync($"/o/{schoolId}/policy/settings/consent-validity", [new("Choice", "7")]));
        Assert.Contains("Select how photo consent lasts for this school", wrong.QuerySelector(".govuk-error-summary")!.TextContent);

        await head.PostFormAsync($"/o/{schoolId}/policy/settings/consent-validity", [new("Choice", "1")]);
        var page = await head.GetPageAsync($"/o/{schoolId}/policy/settings");
        Assert.Equal("For one academic year", page.QuerySelector("#setting-consent-validity .ss-setting-value")!.TextContent.Trim());
        await using var db = app.Db.System();
        var policy = await new Core.Consent.ConsentPolicyService(db, new Core.Policy.PolicySettingsService(db)).ForAsync(schoolId, Ct);
        Assert.Equal(Core.Consent.ConsentValidity.AcademicYear, policy.Validity);
    }
}
