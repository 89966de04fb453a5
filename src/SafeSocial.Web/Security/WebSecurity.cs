using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SafeSocial.Web.Security;

/// <summary>
/// What a school's IT auditor checks on every response: security headers (NetEscapades.AspNetCore.SecurityHeaders,
/// see docs/adr/0008), cookies marked Secure whenever the site is reached over HTTPS, and the forwarded headers of
/// a TLS-terminating proxy believed only from the proxies named in SafeSocial:TrustedProxies.
/// </summary>
public static class WebSecurity
{
    public const string TrustedProxiesSetting = "SafeSocial:TrustedProxies";
    private const int OneYear = 365 * 24 * 60 * 60;

    public static void AddWebSecurity(this WebApplicationBuilder builder)
    {
        var proxies = TrustedProxies(builder.Configuration[TrustedProxiesSetting]);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The client's address too, not only the scheme: the framework checks the sender against the trusted list
            // only when it reads X-Forwarded-For, and audit entries and rate limits then see the real client.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies.Addresses) o.KnownProxies.Add(proxy);
            foreach (var network in proxies.Networks) o.KnownIPNetworks.Add(network);
        });
        // Every cookie (sign-in, parent portal, anti-forgery, temporary messages) is Secure on an HTTPS request.
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>First in the pipeline, so errors, status pages and static files carry the headers too.</summary>
    public static void UseWebSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(Headers(app.Environment));
        app.UseCookiePolicy();
    }

    private static HeaderPolicyCollection Headers(IWebHostEnvironment environment)
    {
        var headers = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            // Parent portal, campaign and invitation links carry tokens in their paths: no page passes its address on, not even to our own logs.
            .AddReferrerPolicyNoReferrer()
            .AddCrossOriginOpenerPolicy(b => b.SameOrigin())
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            .RemoveServerHeader()
            // No inline script or style anywhere: scripts and styles are files under wwwroot.
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            });
        // Sent on HTTPS requests only (the library's rule) and never for localhost, so a developer's browser is not pinned.
        if (!environment.IsDevelopment()) headers.AddStrictTransportSecurityMaxAgeIncludeSubDomains(OneYear);
        return headers;
    }

    public sealed record Proxies(IReadOnlyList<IPAddress> Addresses, IReadOnlyList<System.Net.IPNetwork> Networks);

    /// <summary>
    /// "10.0.0.5, 192.168.0.0/16": addresses and networks, separated by commas or spaces. Loopback is trusted
    /// anyway (a proxy on the same machine). Anything else is refused at start, naming the entry.
    /// </summary>
    public static Proxies TrustedProxies(string? setting)
    {
        List<IPAddress> addresses = [];
        List<System.Net.IPNetwork> networks = [];
        foreach (var entry in (setting ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) addresses.Add(address);
            else throw new InvalidOperationException(
                $"{TrustedProxiesSetting} (environment variable SafeSocial__TrustedProxies): '{entry}' is neither an IP address nor a network like 10.0.0.0/8.");
        }
        return new Proxies(addresses, networks);
    }
}
