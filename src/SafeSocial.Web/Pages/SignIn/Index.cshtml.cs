using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;
using SafeSocial.Web.Security;

namespace SafeSocial.Web.Pages.SignIn;

[AllowAnonymous]
[EnableRateLimiting(SafeSocial.Web.Hosting.CredentialRateLimit.Policy)]
public class IndexModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInChecks checks) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError(nameof(Email), "Enter your email address");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter your password");
        if (!ModelState.IsValid) return Page();

        // Every answer but success reads the same for a real address and a made-up one.
        var email = Email!.Trim();
        var account = SignInThrottle.PasswordAccount(email);
        if (await checks.MustWaitAsync(account) is { } wait)
        {
            ModelState.AddModelError(nameof(Email), wait);
            return Page();
        }
        var user = await users.FindByNameAsync(email);
        var result = user is null ? NoSuchAccount(Password!) : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: false);
        if (!result.Succeeded && !result.RequiresTwoFactor)
        {
            ModelState.AddModelError(nameof(Email), await checks.FailedAsync(account, user, SignInMail.WrongPasswords, "Enter a correct email address and password"));
            return Page();
        }
        await checks.SucceededAsync(account);
        if (result.RequiresTwoFactor) return RedirectToPage("Code", new { ReturnUrl });
        return LocalRedirect(LocalUrl.OrHome(ReturnUrl));
    }

    private static string? _unusedHash;

    /// <summary>Checks the password against a hash no one has, so an unknown address takes as long as a known one.</summary>
    private Microsoft.AspNetCore.Identity.SignInResult NoSuchAccount(string password)
    {
        var nobody = new AppUser { DisplayName = "" };
        _unusedHash ??= users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString());
        users.PasswordHasher.VerifyHashedPassword(nobody, _unusedHash, password);
        return Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }

}
