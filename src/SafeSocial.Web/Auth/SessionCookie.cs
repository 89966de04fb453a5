using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SafeSocial.Core.Identity;

namespace SafeSocial.Web.Auth;

/// <summary>The sign-in cookie names its server-side session (<see cref="SignInSession"/>), which every request checks is still open.</summary>
public static class SessionCookie
{
    public const string ClaimType = "sid";

    public static Guid? Of(ClaimsPrincipal? user) => Guid.TryParse(user?.FindFirstValue(ClaimType), out var id) ? id : null;

    /// <summary>
    /// Refuses a cookie whose session has ended (signed out, or ended from another device) before anything else
    /// looks at it, then lets <paramref name="next"/> (the security stamp check) run.
    /// </summary>
    public static Func<CookieValidatePrincipalContext, Task> CheckedBefore(Func<CookieValidatePrincipalContext, Task> next) => async context =>
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
        var open = Of(context.Principal) is { } id && Guid.TryParse(context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            && await sessions.IsOpenAsync(id, userId, context.HttpContext.RequestAborted);
        if (!open)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await next(context);
    };
}
