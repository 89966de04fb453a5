using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Parents;

/// <summary>Ends the parent's portal session only, on the server too (a copied cookie stops working): a staff sign-in in the same browser is left alone.</summary>
[RequireParent]
public class SignOutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await ParentPortalAuth.SignOutAsync(HttpContext);
        return RedirectToPage("SignedOut");
    }
}
