using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SafeSocial.Web.Pages;

/// <summary>The header's school switcher posts here; the organisation page itself checks membership.</summary>
public class SwitchModel : PageModel
{
    public IActionResult OnGet(Guid orgId) => orgId == Guid.Empty ? Redirect("/") : Redirect($"/o/{orgId}");
}
