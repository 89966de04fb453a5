using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Account;

public class IndexModel(UserManager<AppUser> users, SignInSessions sessions) : PageModel
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
        // Every other session ends now, on every server; this one carries on.
        await sessions.EndOthersAsync(user.Id, keep: SessionCookie.Of(User));
        Message = "You are signed out of every other device";
        return RedirectToPage();
    }
}
