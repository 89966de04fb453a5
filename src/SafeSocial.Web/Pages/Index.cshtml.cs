using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages;

public class IndexModel(CurrentPerson person) : PageModel
{
    public PersonAccess Access { get; private set; } = PersonAccess.None;

    public async Task<IActionResult> OnGetAsync()
    {
        Access = await person.AccessAsync();
        // Someone in one school (or a trust's person in one trust) goes straight to it.
        var direct = Access.Memberships.Where(m => m.Kind == OrganisationKind.Trust).ToList() is { Count: 1 } trusts ? trusts[0]
            : Access.Memberships.Count == 1 ? Access.Memberships[0] : null;
        return direct is null ? Page() : Redirect($"/o/{direct.OrganisationId}");
    }
}
