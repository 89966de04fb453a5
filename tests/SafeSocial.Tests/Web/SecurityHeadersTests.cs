using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SafeSocial.Core.Demo;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Security;

namespace SafeSocial.Tests.Web;

/// <summary>The site behind a TLS-terminating proxy at 192.0.2.10 (SafeSocial:TrustedProxies names its network).</summary>
public sealed class ProxiedAppFixture(PostgresServer server) : AppFixture(server)
{
    public const string TrustedProxy = "192.0.2.10";
    public const string UntrustedSender = "198.51.100.7";
    private WebApplicationFactory<Program> _factory = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting(WebSecurity.TrustedProxiesSetting, "192.0.2.0/28, 203.0.113.5");
    protected override WebApplicationFactory<Program> Configure(WebApplicationFactory<Program> factory) => _factory = factory;

    /// <summary>A client whose requests arrive from the given address, saying they were HTTPS for a school's own host name.</summary>
    public HttpClient ForwardedFrom(string address)
    {
        var http = new HttpClient(_factory.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = new Uri("http://safesocial.school.example") };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.99");
        return http;
    }
}

public class SecurityHeadersTests(ProxiedAppFixture app) : IClassFixture<ProxiedAppFixture>
{
    [Theory]
    [InlineData("/sign-in", 200)]                  // a page
    [InlineData("/no-such-page", 404)]             // an error page
    [InlineData("/sign-in?returnUrl=%00", 400)]    // refused input
    [InlineData("/css/safesocial.css", 200)]       // a static file
    [InlineData("/js/govuk-init.js", 200)]
    [InlineData("/health", 200)]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string url, int status)
    {
        var response = await app.Anonymous().GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
    }

    [Fact]
    public async Task OverHttpsFromTheTrustedProxy_CookiesAreSecure_AndHstsIsSent()
    {
        var http = app.ForwardedFrom(ProxiedAppFixture.TrustedProxy);

        var signInPage = await http.GetAsync("/sign-in", TestContext.Current.CancellationToken);
        Assert.Contains("max-age=", Header(signInPage, "Strict-Transport-Security"));
        var antiforgery = Assert.Single(Cookies(signInPage));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        // Signing in sets the sign-in cookie (or the two-factor step's): Secure too.
        var signedIn = await SignInAsync(http, signInPage);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookies = Cookies(signedIn);
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedHeadersFromAnUntrustedSender_AreIgnored()
    {
        var http = app.ForwardedFrom(ProxiedAppFixture.UntrustedSender);

        var signInPage = await http.GetAsync("/sign-in", TestContext.Current.CancellationToken);

        Assert.False(signInPage.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("; secure", Assert.Single(Cookies(signInPage)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TrustedProxies_ReadsAddressesAndNetworks_AndNamesAWrongEntry()
    {
        var proxies = WebSecurity.TrustedProxies("10.0.0.5, 192.168.0.0/16;fd00::/8");
        Assert.Equal([IPAddress.Parse("10.0.0.5")], proxies.Addresses);
        Assert.Equal(2, proxies.Networks.Count);
        var wrong = Assert.Throws<InvalidOperationException>(() => WebSecurity.TrustedProxies("10.0.0.5, proxy.local"));
        Assert.Contains("'proxy.local'", wrong.Message);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, HttpResponseMessage signInPage)
    {
        var page = await TestClient.ParseAsync(signInPage);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent([new("Email", "teacher@demo.safesocial.test"), new("Password", DemoSeeder.Password), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", string.Join("; ", Cookies(signInPage).Select(c => c.Split(';')[0])));
        return await http.SendAsync(post, TestContext.Current.CancellationToken);
    }

    private static List<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"{name} missing");
}
