using Microsoft.AspNetCore.Identity;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Auth;

/// <summary>An official account as the vault pages see it, with what the signed-in person may do with its password.</summary>
public sealed record CustodyView(OfficialAccount Account, CustodyRights Rights, bool UsedTwoFactor, bool RecentTwoFactor);

/// <summary>
/// What the vault pages share: the account and the person's custody of it, the recent second factor a reveal needs
/// (asking for a fresh code when it is old), and the emails of the custody notices once the action is saved.
/// </summary>
public sealed class CustodyGate(AccountRegister register, AccountCustody custody, CurrentPerson person, UserManager<AppUser> users,
    SignInManager<AppUser> signIn, SignInChecks checks, TimeProvider clock, CustodyNoticeEmails emails, IConfiguration configuration)
{
    public async Task<CustodyView?> LoadAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        var account = await register.FindAsync(orgId, accountId, ct);
        if (account is null) return null;
        var rights = await custody.RightsAsync(orgId, accountId, person.UserId, ct);
        return new CustodyView(account, rights, person.UsedTwoFactor, RecentTwoFactor.IsRecent(person.User, clock));
    }

    /// <summary>Checks a fresh authenticator code; on success the sign-in records the new time. The error to show, or null.</summary>
    public async Task<string?> CheckFreshCodeAsync(string? code)
    {
        var user = await users.GetUserAsync(person.User);
        if (user is null) return "Sign in again, then try once more";
        // Wrong codes count towards the same throttle as sign-in, so they cannot be guessed here instead.
        if (await checks.CheckCodeAsync(user, code) is { } problem) return problem;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(RecentTwoFactor.AmrType, RecentTwoFactor.AmrMfa), RecentTwoFactor.Now(clock)]);
        return null;
    }

    /// <summary>Emails each saved notice that has an address, at once in the background; a failed email is tried again later.</summary>
    public void Send(IReadOnlyList<CustodyNotice> notices, HttpRequest request) =>
        emails.SendAtOnce(notices, configuration["SafeSocial:PublicUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}");

    /// <summary>Nothing on a vault page may be kept by the browser or a proxy.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
