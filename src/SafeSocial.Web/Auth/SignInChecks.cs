using Microsoft.AspNetCore.Identity;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Auth;

/// <summary>
/// Passwords and authenticator codes as every page checks them: through <see cref="SignInThrottle"/> (per account and
/// per network), emailing the person once when a run of wrong tries begins.
/// </summary>
public sealed class SignInChecks(UserManager<AppUser> users, SignInThrottle throttle, MailOutbox outbox, IHttpContextAccessor http, TimeProvider clock)
{
    public const string WrongCode = "That code is not right or has expired. Enter the code your app shows now";

    private string Network => SignInThrottle.NetworkOf(http.HttpContext?.Connection.RemoteIpAddress);

    /// <summary>The same words for every account, real or made up.</summary>
    public static string TooMany(TimeSpan wait) => $"Too many tries. Wait {SignInThrottle.Describe(wait)}, then try again";

    public async Task<string?> MustWaitAsync(string account) =>
        await throttle.WaitAsync(account, Network) is { } wait ? TooMany(wait) : null;

    /// <returns>The "wait" message when this failure means the next try must wait, or <paramref name="message"/>.</returns>
    public async Task<string> FailedAsync(string account, AppUser? user, Func<AppUser, DateTimeOffset, OutgoingMail> mail, string message)
    {
        var answer = await throttle.FailedAsync(account, Network);
        if (answer.TellThePerson && user?.Email is not null) outbox.Enqueue(mail(user, clock.GetUtcNow()));
        return answer.Wait is { } wait ? TooMany(wait) : message;
    }

    public Task SucceededAsync(string account) => throttle.SucceededAsync(account, Network);

    /// <summary>Checks a code from the person's authenticator app. The problem to show, or null when it is right.</summary>
    public async Task<string?> CheckCodeAsync(AppUser user, string? code)
    {
        var account = SignInThrottle.CodeAccount(user.Id);
        if (await MustWaitAsync(account) is { } wait) return wait;
        if (CodeFormatProblem(code, out var clean) is { } problem) return problem;
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
            return await FailedAsync(account, user, SignInMail.WrongCodes, WrongCode);
        await SucceededAsync(account);
        return null;
    }

    public static string? CodeFormatProblem(string? code, out string clean)
    {
        clean = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (clean.Length == 0) return "Enter the 6-digit code from your authenticator app";
        if (clean.Length != 6 || !clean.All(char.IsAsciiDigit)) return "The code must be 6 digits, like 123456";
        return null;
    }
}
