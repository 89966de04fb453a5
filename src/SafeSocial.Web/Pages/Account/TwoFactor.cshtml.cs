using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Account;

public enum TwoFactorStep
{
    /// <summary>Not on yet: the key is shown until a code from it turns two-factor sign-in on.</summary>
    SetUp,
    /// <summary>On: the key is never shown again; resetting needs the password and a current code.</summary>
    On,
    /// <summary>A reset was allowed: the new key is shown this once, with a box for a code from it.</summary>
    NewKey,
    /// <summary>The code from the new key was wrong: the key is not shown again.</summary>
    ConfirmNewKey,
}

/// <summary>
/// Sets up two-factor sign-in, and resets it. Once it is on, the key is never shown again: a person using a stolen
/// session cannot copy the second factor, nor make a new one without the password and a code from the real app.
/// </summary>
public class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, CurrentPerson person, SignInChecks checks,
    SignInSessions sessions, MailOutbox outbox, TimeProvider clock) : PageModel
{
    private const string PendingProvider = "SafeSocial", PendingName = "PendingAuthenticatorKey";
    /// <summary>Time to add the new key to the app and type its code; after that the reset starts again.</summary>
    private static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(10);

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string FormattedKey { get; private set; } = "";
    public bool Required { get; private set; }
    public TwoFactorStep Step { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    /// <summary>Turns two-factor sign-in on with a code from the key being set up. Once it is on, this does nothing.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await LoadAsync();
        if (user is null) return Challenge();
        if (Step != TwoFactorStep.SetUp) return RedirectToPage();
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0) ModelState.AddModelError(nameof(Code), "Enter the 6-digit code from your authenticator app");
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            ModelState.AddModelError(nameof(Code), "That code is not right. Check the key was entered exactly and enter the code the app shows now");
        if (!ModelState.IsValid) return Page();

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(RecentTwoFactor.AmrType, RecentTwoFactor.AmrMfa)]);
        TempData["Message"] = "Two-factor sign-in is on";
        return Redirect("/account");
    }

    /// <summary>Starts a reset: with the password and a current code, a new key is made and shown once. The old one works until the new one is confirmed.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await LoadAsync();
        if (user is null) return Challenge();
        if (Step != TwoFactorStep.On) return RedirectToPage();
        var account = SignInThrottle.CodeAccount(user.Id);
        if (await checks.MustWaitAsync(account) is { } wait) ModelState.AddModelError(nameof(Password), wait);
        else
        {
            if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter your password");
            if (SignInChecks.CodeFormatProblem(Code, out _) is { } problem) ModelState.AddModelError(nameof(Code), problem);
        }
        if (!ModelState.IsValid) return Page();

        SignInChecks.CodeFormatProblem(Code, out var code);
        if (!await users.CheckPasswordAsync(user, Password!) | !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            // One message for both, so a guess at one learns nothing about the other.
            ModelState.AddModelError(nameof(Password), await checks.FailedAsync(account, user, SignInMail.WrongCodes, "The password or the code is not right. Enter your password and the code your app shows now"));
            return Page();
        }
        await checks.SucceededAsync(account);
        var key = users.GenerateNewAuthenticatorKey();
        var expires = (clock.GetUtcNow() + PendingFor).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await users.SetAuthenticationTokenAsync(user, PendingProvider, PendingName, $"{key} {expires}");
        (Step, FormattedKey, Code, Password) = (TwoFactorStep.NewKey, Format(key), null, null);
        ModelState.Clear();
        return Page();
    }

    /// <summary>Finishes a reset with a code from the new key: the old key stops working, other sessions end, and the person is emailed.</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var user = await LoadAsync();
        if (user is null) return Challenge();
        var pending = await PendingKeyAsync(user);
        if (Step != TwoFactorStep.On || pending is null) return RedirectToPage();
        Step = TwoFactorStep.ConfirmNewKey;
        if (SignInChecks.CodeFormatProblem(Code, out var code) is { } problem) ModelState.AddModelError(nameof(Code), problem);
        else if (!Totp.Matches(pending, code, clock.GetUtcNow()))
            ModelState.AddModelError(nameof(Code), "That code is not right. Enter the code your app shows now for the new key. If you did not add the new key to your app, start again");
        if (!ModelState.IsValid) return Page();

        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", pending);
        await users.RemoveAuthenticationTokenAsync(user, PendingProvider, PendingName);
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndOthersAsync(user.Id, keep: SessionCookie.Of(User));
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new(RecentTwoFactor.AmrType, RecentTwoFactor.AmrMfa)]);
        if (user.Email is not null) outbox.Enqueue(SignInMail.AuthenticatorReset(user, clock.GetUtcNow()));
        TempData["Message"] = "Your authenticator app has been reset. The old app's codes no longer work";
        return Redirect("/account");
    }

    private async Task<string?> PendingKeyAsync(AppUser user)
    {
        var value = await users.GetAuthenticationTokenAsync(user, PendingProvider, PendingName);
        if (value?.Split(' ') is not [var key, var expires] || !long.TryParse(expires, CultureInfo.InvariantCulture, out var at)) return null;
        return clock.GetUtcNow().ToUnixTimeSeconds() < at ? key : null;
    }

    private async Task<AppUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return null;
        Required = (await person.AccessAsync()).NeedsTwoFactor;
        if (user.TwoFactorEnabled)
        {
            Step = TwoFactorStep.On;
            return user;
        }
        Step = TwoFactorStep.SetUp;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        FormattedKey = Format(key!);
        return user;
    }

    private static string Format(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}
