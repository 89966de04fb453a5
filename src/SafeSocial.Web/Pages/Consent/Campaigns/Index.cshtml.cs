using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent.Campaigns;

/// <summary>A school's consent campaigns with their response rates; at a trust, the way to each school's.</summary>
[RequirePermission(Permission.ManageConsent)]
public class IndexModel(ConsentCampaignService campaigns, CurrentPerson person) : PageModel
{
    public Membership Membership { get; private set; } = null!;
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];
    /// <summary>At a trust: its schools where this person runs campaigns.</summary>
    public IReadOnlyList<Membership> Schools { get; private set; } = [];

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        var access = await person.AccessAsync();
        Membership = access.In(orgId)!;
        if (Membership.Kind == OrganisationKind.Trust)
            Schools = access.Memberships.Where(m => m.TrustId == orgId && m.Permissions.Contains(Permission.ManageConsent)).OrderBy(m => m.OrganisationName, StringComparer.Ordinal).ToList();
        else
            Campaigns = await campaigns.ListAsync(orgId, ct);
    }
}
