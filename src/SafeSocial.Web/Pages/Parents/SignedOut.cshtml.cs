using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SafeSocial.Web.Pages.Parents;

[AllowAnonymous]
public class SignedOutModel : PageModel
{
    public void OnGet() { }
}
