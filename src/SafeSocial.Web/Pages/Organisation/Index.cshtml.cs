using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Organisation;

[RequireMembership]
public class IndexModel(CurrentPerson person, AttentionService attention) : PageModel
{
    public Membership Membership { get; private set; } = null!;
    public IReadOnlyList<AttentionItem> Attention { get; private set; } = [];
    public OrganisationCounts? Counts { get; private set; }

    public async Task OnGetAsync(Guid orgId)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Attention = await attention.ForAsync(Membership);
        if (Membership.Permissions.Contains(Permission.ViewPeople)) Counts = await attention.CountsAsync(orgId);
    }
}
