using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Account;

public class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public string? Email { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        (DisplayName, Email, TwoFactorEnabled) = (user.DisplayName, user.Email, user.TwoFactorEnabled);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        // A new security stamp invalidates every other session's cookie at its next check.
        await users.UpdateSecurityStampAsync(user);
        // Keep the second factor and when it was proved: signing in again here proves nothing new.
        var kept = User.Claims.Where(c => (c.Type == "amr" && c.Value == "mfa") || c.Type == RecentTwoFactor.ClaimType).Select(c => new System.Security.Claims.Claim(c.Type, c.Value));
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, kept);
        Message = "You are signed out of every other device";
        return RedirectToPage();
    }
}
