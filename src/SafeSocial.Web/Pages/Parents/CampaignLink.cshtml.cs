using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Hosting;

namespace SafeSocial.Web.Pages.Parents;

/// <summary>
/// Where a campaign email's personal link lands. It opens that family's answers until the campaign closes, with no second
/// email; opening it does not sign in, the parent presses a button, because email security scanners open links first.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(CredentialRateLimit.Policy)]
public class CampaignLinkModel(CampaignLinks links, ParentFamily families) : PageModel
{
    public CampaignLinkView Link { get; private set; } = new(CampaignLinkState.Unknown, null, null);
    public Family? Family { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        if (Link.State != CampaignLinkState.Valid || Family is null) return Page();
        await ParentPortalAuth.SignInAsync(HttpContext, Family.Email, Family.Name, Link.Link!.Id);
        // One child: straight to their answers; several: the portal's home lists each.
        return Redirect(Family.Children.Count == 1 ? $"/parents/children/{Family.Children[0].PupilId}" : "/parents");
    }

    private async Task LoadAsync(string token, CancellationToken ct)
    {
        Link = token.Length is > 0 and <= 100 ? await links.ViewAsync(token, ct) : new CampaignLinkView(CampaignLinkState.Unknown, null, null);
        if (Link.State == CampaignLinkState.Valid)
        {
            Family = await families.ForLinkAsync(Link.Link!, ct);
            // The family no longer holds parental responsibility for any child the email was about.
            if (Family.Children.Count == 0) Link = Link with { State = CampaignLinkState.Stopped };
        }
        Response.StatusCode = Link.State switch
        {
            CampaignLinkState.Valid => StatusCodes.Status200OK,
            CampaignLinkState.Unknown => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status410Gone,
        };
    }
}
