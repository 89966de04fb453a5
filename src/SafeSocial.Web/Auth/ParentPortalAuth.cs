using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using SafeSocial.Core.Identity;

namespace SafeSocial.Web.Auth;

/// <summary>
/// Parents sign in to the portal with a cookie of their own, apart from staff sign-in: its own scheme, name and
/// path (/parents), and portal pages authenticate with this scheme only. So a staff sign-in opens no portal page
/// and a parent's cookie opens no staff page, even in one browser. Like staff sign-in, the cookie names a server-side
/// <see cref="SignInSession"/> that every request checks (docs/adr/0007), so signing out ends a copied cookie too.
/// </summary>
public static class ParentPortalAuth
{
    public const string Scheme = "ParentPortal";
    public const string Policy = "ParentPortal";
    public const string EmailClaim = "parent_email";
    public const string NameClaim = "parent_name";
    /// <summary>Set when a campaign email's personal link signed the parent in: the portal then shows only that email's children.</summary>
    public const string CampaignLinkClaim = "campaign_link";
    /// <summary>Short: parents use shared and family devices, and answering takes a few minutes.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddParentPortalSignIn(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "safesocial-parent";
            o.Cookie.Path = "/parents";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/parents/sign-in";
            o.AccessDeniedPath = "/parents/sign-in";
            o.LogoutPath = "/parents/sign-out";
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = RefuseEndedSessionAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(EmailClaim));
        return services;
    }

    /// <summary>Signs the parent in for this browser session only, opening the server-side session the cookie names.</summary>
    public static async Task SignInAsync(HttpContext http, string email, string name, Guid? campaignLinkId = null)
    {
        var sessionId = await http.RequestServices.GetRequiredService<SignInSessions>().StartForParentAsync(email, http.RequestAborted);
        await http.SignInAsync(Scheme, Principal(email, name, sessionId, campaignLinkId), new AuthenticationProperties { IsPersistent = false });
    }

    /// <summary>Ends the session on the server, so any copy of the cookie stops working, then removes this browser's cookie.</summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        if (SessionCookie.Of(http.User) is { } id) await http.RequestServices.GetRequiredService<SignInSessions>().EndAsync(id, http.RequestAborted);
        await http.SignOutAsync(Scheme);
    }

    private static async Task RefuseEndedSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
        var open = SessionCookie.Of(context.Principal) is { } id && Email(context.Principal!) is { } email
            && await sessions.IsOpenForParentAsync(id, email, context.HttpContext.RequestAborted);
        if (open) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static ClaimsPrincipal Principal(string email, string name, Guid sessionId, Guid? campaignLinkId) =>
        new(new ClaimsIdentity(new[] { new Claim(EmailClaim, email), new Claim(NameClaim, name), new Claim(SessionCookie.ClaimType, sessionId.ToString()) }
            .Concat(campaignLinkId is { } id ? [new Claim(CampaignLinkClaim, id.ToString())] : []), Scheme, NameClaim, null));

    public static string? Email(ClaimsPrincipal user) => user.FindFirstValue(EmailClaim);

    public static Guid? CampaignLinkId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(CampaignLinkClaim), out var id) ? id : null;
}

/// <summary>A parent portal page: only a parent's sign-in opens it.</summary>
public sealed class RequireParentAttribute() : AuthorizeAttribute(ParentPortalAuth.Policy);
