using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SafeSocial.Core.Identity;

namespace SafeSocial.Web.Auth;

/// <summary>When the person last proved their second factor, kept as a claim in the sign-in cookie.</summary>
public static class RecentTwoFactor
{
    public const string ClaimType = "mfa_at";
    public const string AmrType = "amr";
    public const string AmrMfa = "mfa";

    /// <summary>
    /// Revealing a password needs a second factor proved this recently. A session slides on for as long as it is used,
    /// so the sign-in alone may be hours old; 15 minutes is the time to open the platform and sign in to it.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static Claim Now(TimeProvider clock) =>
        new(ClaimType, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    public static DateTimeOffset? CheckedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimType), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static bool IsRecent(ClaimsPrincipal user, TimeProvider clock) =>
        user.HasClaim(AmrType, AmrMfa) && CheckedAt(user) is { } at && clock.GetUtcNow() - at <= Window;

    /// <summary>The security stamp check rebuilds the principal from the user record every minute: carry the second factor and the session over.</summary>
    public static Task KeepOnRefreshAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
            foreach (var claim in current.Claims.Where(c => (c.Type == AmrType && c.Value == AmrMfa) || c.Type is ClaimType or SessionCookie.ClaimType))
                if (!identity.HasClaim(claim.Type, claim.Value)) identity.AddClaim(new Claim(claim.Type, claim.Value));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Stamps the time of every sign-in that used the second factor, so pages can ask for a recent one; opens a server-side
/// session for each sign-in and ends it at sign-out. Identity's lockout is off: <see cref="SignInThrottle"/> slows
/// guessing instead, so nobody can lock someone else out.
/// </summary>
public sealed class SafeSocialSignInManager(UserManager<AppUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> log, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation,
    TimeProvider clock, SignInSessions sessions)
    : SignInManager<AppUser>(users, http, claims, options, log, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var all = additionalClaims.Where(c => c.Type != SessionCookie.ClaimType).ToList();
        if (all.Any(c => c.Type == RecentTwoFactor.AmrType && c.Value == RecentTwoFactor.AmrMfa) && all.All(c => c.Type != RecentTwoFactor.ClaimType))
            all.Add(RecentTwoFactor.Now(clock));
        all.Add(new Claim(SessionCookie.ClaimType, (await SessionForAsync(user)).ToString()));
        await base.SignInWithClaimsAsync(user, authenticationProperties, all);
    }

    /// <summary>Signing in again within a session (a fresh code) keeps its id, so ending it ends every copy of its cookie.</summary>
    private async Task<Guid> SessionForAsync(AppUser user) =>
        SessionCookie.Of(Context.User) is { } id && UserManager.GetUserId(Context.User) == user.Id.ToString() && await sessions.IsOpenAsync(id, user.Id)
            ? id
            : await sessions.StartAsync(user.Id);

    public override async Task SignOutAsync()
    {
        if (SessionCookie.Of(Context.User) is { } id) await sessions.EndAsync(id);
        await base.SignOutAsync();
    }

    protected override Task<bool> IsLockedOut(AppUser user) => Task.FromResult(false);
}
