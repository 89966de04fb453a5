using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Account;

public class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, CurrentPerson person) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    public string FormattedKey { get; private set; } = "";
    public bool Required { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await LoadAsync();
        if (user is null) return Challenge();
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0) ModelState.AddModelError(nameof(Code), "Enter the 6-digit code from your authenticator app");
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            ModelState.AddModelError(nameof(Code), "That code is not right. Check the key was entered exactly and enter the code the app shows now");
        if (!ModelState.IsValid) return Page();

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new("amr", "mfa")]);
        TempData["Message"] = "Two-factor sign-in is on";
        return Redirect("/account");
    }

    private async Task<AppUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return null;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        FormattedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        Required = (await person.AccessAsync()).NeedsTwoFactor;
        return user;
    }
}
