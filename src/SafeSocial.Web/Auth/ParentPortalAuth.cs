using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace SafeSocial.Web.Auth;

/// <summary>
/// Parents sign in to the portal with a cookie of their own, apart from staff sign-in: its own scheme, name and
/// path (/parents), and portal pages authenticate with this scheme only. So a staff sign-in opens no portal page
/// and a parent's cookie opens no staff page, even in one browser.
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
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(EmailClaim));
        return services;
    }

    public static ClaimsPrincipal Principal(string email, string name, Guid? campaignLinkId = null) =>
        new(new ClaimsIdentity(new[] { new Claim(EmailClaim, email), new Claim(NameClaim, name) }
            .Concat(campaignLinkId is { } id ? [new Claim(CampaignLinkClaim, id.ToString())] : []), Scheme, NameClaim, null));

    public static string? Email(ClaimsPrincipal user) => user.FindFirstValue(EmailClaim);

    public static Guid? CampaignLinkId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(CampaignLinkClaim), out var id) ? id : null;
}

/// <summary>A parent portal page: only a parent's sign-in opens it.</summary>
public sealed class RequireParentAttribute() : AuthorizeAttribute(ParentPortalAuth.Policy);
