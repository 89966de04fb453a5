using System.Net;
using Microsoft.AspNetCore.Hosting;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;
using SafeSocial.Web.Hosting;
using static SafeSocial.Tests.Consent.Portal.PortalPages;

namespace SafeSocial.Tests.Consent.Portal;

/// <summary>One application for the consent pages' tests that need no clock of their own: starting one is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class ConsentPagesCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Consent pages";
}

/// <summary>Staff and parents sign in apart: neither sign-in opens the other's pages, even in one browser.</summary>
[Collection(ConsentPagesCollection.Name)]
public class PortalSeparationTests(AppFixture app)
{
    private static string PathOf(HttpResponseMessage r) => new Uri(new Uri("http://localhost"), r.Headers.Location!).AbsolutePath;

    [Fact]
    public async Task AStaffSignIn_OpensNoPortalPage()
    {
        var family = await FamilyAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        foreach (var url in new[] { "/parents", $"/parents/children/{family.Child}", "/parents/sign-out" })
        {
            var response = await head.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/parents/sign-in", PathOf(response));
        }
    }

    [Fact]
    public async Task AParentSignIn_OpensNoStaffPage_AndSigningOutOfOneLeavesTheOther()
    {
        var family = await FamilyAsync(app);
        var parent = await SignedInAsync(app, family.Email);
        foreach (var url in new[] { $"/o/{family.School}", $"/o/{family.School}/pupils", "/account", "/" })
        {
            var response = await parent.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/sign-in", PathOf(response));
        }

        // One browser, both signed in: signing out of the portal leaves the staff session alone.
        await parent.SignInAsync(DemoTrust.Headteacher);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/o/{family.School}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync("/parents")).StatusCode);
        await parent.PostFormAsync("/parents/sign-out", []);
        Assert.Equal(HttpStatusCode.Redirect, (await parent.GetAsync("/parents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/o/{family.School}")).StatusCode);
    }

    [Fact]
    public async Task AParentsCookieCopiedBeforeSigningOut_StopsWorkingAtOnce()
    {
        var family = await FamilyAsync(app);
        var parent = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await RequestLinkAsync(parent, family.Email)).StatusCode);
        var signedIn = await parent.PostFormAsync(await LinkAsync(app, family.Email), []);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("safesocial-parent=", StringComparison.Ordinal)).Split(';')[0];
        var copy = app.Anonymous().Http;
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/parents", TestContext.Current.CancellationToken)).StatusCode);

        await parent.PostFormAsync("/parents/sign-out", []);

        var replayed = await copy.GetAsync($"/parents/children/{family.Child}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/parents/sign-in", PathOf(replayed));
    }
}

public sealed class LowParentLinkLimitFixture(PostgresServer server) : AppFixture(server)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting(ParentLinkRateLimit.PermitsSetting, "2");
}

/// <summary>Many addresses from one network: the per-network limit stops someone trying addresses in bulk.</summary>
public class ParentLinkNetworkLimitTests(LowParentLinkLimitFixture app) : IClassFixture<LowParentLinkLimitFixture>
{
    [Fact]
    public async Task TooManyLinkRequests_FromOneNetwork_AreRefusedKindly_AndSendNothing()
    {
        var family = await FamilyAsync(app);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await RequestLinkAsync(app.Anonymous(), $"guess{i}.{Guid.NewGuid():N}@elsewhere.example")).StatusCode);

        var refused = await RequestLinkAsync(app.Anonymous(), family.Email);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Many sign-in links have been asked for from your internet connection", (await TestClient.ParseAsync(refused)).QuerySelector("#link-refused")!.TextContent);
        Assert.Empty(await MailToAsync(app, family.Email));
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/parents/sign-in")).StatusCode);
    }
}
