using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Identity;
using SafeSocial.Web.Hosting;

namespace SafeSocial.Web.Pages.Invitation;

[AllowAnonymous]
[EnableRateLimiting(CredentialRateLimit.Policy)]
public class IndexModel(InvitationService invitations, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    public InvitationView Invitation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        if (Invitation.State != InvitationState.Valid) return Page();
        ModelState.Clear();
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), Invitation.HasAccount ? "Enter your password" : "Enter a password");
        else if (!Invitation.HasAccount && Password.Length < 12) ModelState.AddModelError(nameof(Password), "Your password must be 12 characters or more");
        else if (!Invitation.HasAccount && Password != ConfirmPassword) ModelState.AddModelError(nameof(ConfirmPassword), "The passwords do not match. Type the same password twice");
        if (!ModelState.IsValid) return Page();

        var accepted = await invitations.AcceptAsync(token, Password!, ct);
        if (!accepted.Succeeded)
        {
            if (accepted.State != InvitationState.Valid) { await LoadAsync(token, ct); return Page(); }
            foreach (var e in accepted.Errors) ModelState.AddModelError(nameof(Password), Describe(e));
            return Page();
        }
        // A normal password sign-in, so an account that already uses two-factor is asked for its code.
        var result = await signIn.PasswordSignInAsync(accepted.User!, Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor) return RedirectToPage("/SignIn/Code", new { ReturnUrl = "/" });
        return Redirect(result.Succeeded ? "/" : "/sign-in");
    }

    private async Task LoadAsync(string token, CancellationToken ct)
    {
        Invitation = token.Length is > 0 and <= 100 ? await invitations.ViewAsync(token, ct) : new InvitationView(InvitationState.Unknown, "", "", "", false);
        Response.StatusCode = Invitation.State switch
        {
            InvitationState.Valid => StatusCodes.Status200OK,
            InvitationState.Unknown => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status410Gone,
        };
    }

    private static string Describe(IdentityError e) => e.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Your password must be 12 characters or more",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "Your password must use at least 4 different characters",
        _ => e.Description,
    };
}
