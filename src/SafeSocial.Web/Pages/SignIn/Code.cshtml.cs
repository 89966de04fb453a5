using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;

namespace SafeSocial.Web.Pages.SignIn;

[AllowAnonymous]
[EnableRateLimiting(SafeSocial.Web.Hosting.CredentialRateLimit.Policy)]
public class CodeModel(SignInManager<AppUser> signIn, IWebHostEnvironment env, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? DevelopmentCode { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("Index");
        ShowDevelopmentCode();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("Index");
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0) ModelState.AddModelError(nameof(Code), "Enter the 6-digit code from your authenticator app");
        else if (code.Length != 6 || !code.All(char.IsAsciiDigit)) ModelState.AddModelError(nameof(Code), "The code must be 6 digits, like 123456");
        if (!ModelState.IsValid) { ShowDevelopmentCode(); return Page(); }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(Security.LocalUrl.OrHome(ReturnUrl));
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "Too many wrong codes: this account is locked for 15 minutes"
            : "That code is not right or has expired. Enter the code your app shows now");
        ShowDevelopmentCode();
        return Page();
    }

    private void ShowDevelopmentCode()
    {
        if (env.IsDevelopment()) DevelopmentCode = Totp.Code(DemoSeeder.AuthenticatorKey, clock.GetUtcNow());
    }
}
