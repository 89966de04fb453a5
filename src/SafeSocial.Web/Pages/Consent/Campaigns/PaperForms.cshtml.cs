using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent.Campaigns;

/// <summary>A printable consent form per pupil, with the school's purposes and a yes and a no box each: for families no email reaches.</summary>
[RequirePermission(Permission.ManageConsent)]
public class PaperFormsModel(ConsentCampaignService campaigns, ConsentPolicyService policies, CurrentPerson person) : PageModel
{
    public Membership Membership { get; private set; } = null!;
    public ConsentCampaign Campaign { get; private set; } = null!;
    public ConsentPolicy Policy { get; private set; } = null!;
    public IReadOnlyList<UnreachablePupil> Pupils { get; private set; } = [];
    public bool Everyone { get; private set; }
    public bool OnePupil { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid campaignId, Guid? pupil, string? who, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        if (await campaigns.FindAsync(orgId, campaignId, ct) is not { } campaign) return NotFound();
        (Campaign, Everyone, OnePupil) = (campaign, who == "everyone", pupil is not null);
        Policy = await policies.ForAsync(orgId, ct);
        Pupils = await campaigns.PaperFormPupilsAsync(campaign, pupil, Everyone, ct);
        return OnePupil && Pupils.Count == 0 ? NotFound() : Page();
    }
}
