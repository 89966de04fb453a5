using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent.Portal;

namespace SafeSocial.Web.Pages.Parents;

/// <summary>The one answer to every link request: known address or not.</summary>
[AllowAnonymous]
public class CheckEmailModel : PageModel
{
    public string? Email { get; private set; }
    public int Minutes => (int)ParentSignIn.LinkLifetime.TotalMinutes;

    public void OnGet() => Email = TempData["LinkSentTo"] as string;
}
