using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.SignIn;

[AllowAnonymous]
[EnableRateLimiting(SafeSocial.Web.Hosting.CredentialRateLimit.Policy)]
public class CodeModel(SignInManager<AppUser> signIn, SignInChecks checks, IWebHostEnvironment env, TimeProvider clock) : PageModel
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
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("Index");
        var account = SignInThrottle.CodeAccount(user.Id);
        var formatProblem = SignInChecks.CodeFormatProblem(Code, out var code);
        var problem = await checks.MustWaitAsync(account) ?? formatProblem;
        if (problem is not null) ModelState.AddModelError(nameof(Code), problem);
        if (!ModelState.IsValid) { ShowDevelopmentCode(); return Page(); }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await checks.SucceededAsync(account);
            return LocalRedirect(Security.LocalUrl.OrHome(ReturnUrl));
        }
        ModelState.AddModelError(nameof(Code), await checks.FailedAsync(account, user, SignInMail.WrongCodes, SignInChecks.WrongCode));
        ShowDevelopmentCode();
        return Page();
    }

    private void ShowDevelopmentCode()
    {
        if (env.IsDevelopment()) DevelopmentCode = Totp.Code(DemoSeeder.AuthenticatorKey, clock.GetUtcNow());
    }
}
