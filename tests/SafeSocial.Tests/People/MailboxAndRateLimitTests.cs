using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Hosting;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.People;

public class MailboxOutsideDevelopmentTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheMailbox_DoesNotExistOutsideDevelopment()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/dev/mailbox")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync(DemoTrust.Headteacher)).GetAsync("/dev/mailbox")).StatusCode);
        var routes = app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).ToList();
        Assert.Contains(routes, r => r == "/o/{orgId:guid}/pupils");
        Assert.DoesNotContain(routes, r => r.StartsWith("/dev", StringComparison.Ordinal));
    }
}

public sealed class DevelopmentAppFixture(PostgresServer server) : AppFixture(server)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Development");
}

public class MailboxInDevelopmentTests(DevelopmentAppFixture app) : IClassFixture<DevelopmentAppFixture>
{
    [Fact]
    public async Task TheMailbox_ListsMailNewestFirst_WithLinksToFollow()
    {
        var sender = app.Services.GetRequiredService<FolderMailSender>();
        await sender.SendAsync(new OutgoingMail("first@school.example", "Older mail", "Nothing to click"), TestContext.Current.CancellationToken);
        await Task.Delay(5, TestContext.Current.CancellationToken); // file names order by the millisecond they were written
        await sender.SendAsync(new OutgoingMail("nia@school.example", "You are invited", "Open this link:\n\nhttp://localhost/invitation/abc_DEF-123\n\n<b>not html</b>"), TestContext.Current.CancellationToken);

        var page = await app.Anonymous().GetPageAsync("/dev/mailbox");
        var subjects = page.QuerySelectorAll(".ss-mail h2").Select(h => h.TextContent).ToList();
        Assert.Equal(["You are invited", "Older mail"], subjects);
        var newest = page.QuerySelector(".ss-mail")!;
        Assert.Contains("nia@school.example", newest.TextContent);
        Assert.Equal("http://localhost/invitation/abc_DEF-123", newest.QuerySelector(".ss-mail__body a")!.GetAttribute("href"));
        Assert.Null(newest.QuerySelector("b"));
    }
}

public sealed class LowRateLimitAppFixture(PostgresServer server) : AppFixture(server)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting(CredentialRateLimit.PermitsSetting, "3");
}

public class RateLimitTests(LowRateLimitAppFixture app) : IClassFixture<LowRateLimitAppFixture>
{
    [Fact]
    public async Task TooManyPasswordPosts_FromOneAddress_GetAFriendly429_ButPagesStillLoad()
    {
        var client = app.Anonymous();
        var wrong = new Dictionary<string, string> { ["Email"] = "nobody@school.example", ["Password"] = "not the password" };
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/sign-in", wrong)).StatusCode);
        var token = (await client.GetPageAsync("/sign-in")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync("/invitation/unknown-token", token, [new("Password", "x")])).StatusCode);

        var refused = await client.PostFormAsync("/sign-in", wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        var page = await TestClient.ParseAsync(refused);
        Assert.Equal("Too many attempts", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sign-in")).StatusCode);
    }
}
