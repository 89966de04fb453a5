using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Takedowns;

namespace SafeSocial.Web.Pages.Organisation;

[RequireMembership]
public class IndexModel(CurrentPerson person, AttentionService attention, PersonalAttention personal) : PageModel
{
    public Membership Membership { get; private set; } = null!;
    public IReadOnlyList<AttentionItem> Attention { get; private set; } = [];
    public OrganisationCounts? Counts { get; private set; }

    public async Task OnGetAsync(Guid orgId)
    {
        var access = await person.AccessAsync();
        Membership = access.In(orgId)!;
        // What waits for this person first, then what their roles call for.
        var rolesGiven = access.Memberships.Where(m => m.Permissions.Contains(Permission.ManageRoles)).Select(m => m.OrganisationId).ToList();
        var mine = person.UserId is { } userId ? await personal.ForAsync(Membership, userId, TakedownScope.SchoolIds(access, Membership), rolesGiven) : [];
        Attention = [.. mine, .. await attention.ForAsync(Membership)];
        if (Membership.Permissions.Contains(Permission.ViewPeople)) Counts = await attention.CountsAsync(orgId);
    }
}
