using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Security;

namespace SafeSocial.Web.Pages.SignIn;

[AllowAnonymous]
[EnableRateLimiting(SafeSocial.Web.Hosting.CredentialRateLimit.Policy)]
public class IndexModel(SignInManager<AppUser> signIn) : PageModel
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

        var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor) return RedirectToPage("Code", new { ReturnUrl });
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(nameof(Email), "Too many wrong passwords: this account is locked for 15 minutes. Try again later or ask your school to reset it");
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), "Enter a correct email address and password");
            return Page();
        }
        return LocalRedirect(LocalUrl.OrHome(ReturnUrl));
    }
}
