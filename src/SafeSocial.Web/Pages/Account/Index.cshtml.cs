using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Identity;

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
        var usedTwoFactor = User.HasClaim("amr", "mfa");
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, usedTwoFactor ? [new("amr", "mfa")] : []);
        Message = "You are signed out of every other device";
        return RedirectToPage();
    }
}
