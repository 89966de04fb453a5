using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Consent.Campaigns;

/// <summary>
/// Before hundreds of emails go in one click: the closing date and the school's contact details the emails carry, then a
/// preview of the email, how many families it goes to, and which pupils it cannot reach; sending needs a second press.
/// </summary>
[RequirePermission(Permission.ManageConsent)]
public class SendModel(ConsentCampaignService campaigns, CampaignMailQueue queue, CurrentPerson person, IConfiguration configuration, TimeProvider clock) : PageModel
{
    [BindProperty] public DateParts ClosesOn { get; set; } = new();
    [BindProperty] public string? ContactDetails { get; set; }
    /// <summary>The number of emails the person saw in the preview; sending is refused if it has changed since.</summary>
    [BindProperty] public int? Emails { get; set; }

    public Membership Membership { get; private set; } = null!;
    public ConsentCampaign Campaign { get; private set; } = null!;
    public CampaignSendKind Kind { get; private set; }
    public CampaignMailing Mailing { get; private set; } = null!;
    /// <summary>The first family's email as it will go, with a stand-in for its personal link; null until the details are set.</summary>
    public OutgoingMail? Preview { get; private set; }
    public string Here => $"/o/{Campaign.OrganisationId}/consent/campaigns/{Campaign.Id}";

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid campaignId, string kind, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, campaignId, kind, ct)) return NotFound();
        ClosesOn = DateParts.Of(Campaign.ClosesOn ?? UkTime.Today(clock).AddDays(21));
        ContactDetails = Campaign.ContactDetails;
        return Page();
    }

    /// <summary>Saves the closing date and contact details, then shows the preview with them.</summary>
    public async Task<IActionResult> OnPostDetailsAsync(Guid orgId, Guid campaignId, string kind, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, campaignId, kind, ct)) return NotFound();
        var closes = ClosesOn.Read(ModelState, nameof(ClosesOn), "The closing date", "Enter the date the campaign closes");
        if (!ModelState.IsValid) return Page();
        var outcome = await campaigns.SetDetailsAsync(orgId, campaignId, closes, ContactDetails, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!outcome.Succeeded) return Page();
        return Redirect($"{Request.Path}#preview");
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid orgId, Guid campaignId, string kind, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, campaignId, kind, ct)) return NotFound();
        ClosesOn = DateParts.Of(Campaign.ClosesOn);
        ContactDetails = Campaign.ContactDetails;
        if (Emails != Mailing.Recipients.Count)
        {
            ModelState.AddModelError("", $"The number of families to email has changed since you checked: it is now {Mailing.Recipients.Count:N0}. Check the preview again before sending.");
            return Page();
        }
        var (outcome, started) = await campaigns.StartSendAsync(Campaign, Kind, Mailing, person.Name, ct);
        if (!outcome.Succeeded)
        {
            foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
            return Page();
        }
        if (Mailing.Recipients.Count > 0)
            queue.Enqueue(new CampaignWork(started!.Send.Id, orgId, Membership.OrganisationName, Kind, Mailing.Recipients, started.Tokens,
                ParentPortalMail.Root(Request, configuration), Campaign.ClosesOn!.Value, Campaign.ContactDetails!,
                person.UserId, person.Name, HttpContext.Connection.RemoteIpAddress?.ToString()));
        return Redirect(Here);
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid campaignId, string kind, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        if (CampaignText.KindOf(kind) is not { } k || await campaigns.FindAsync(orgId, campaignId, ct) is not { } campaign) return false;
        (Kind, Campaign) = (k, campaign);
        Mailing = await campaigns.MailingAsync(campaign, k, ct);
        if (campaign.ReadyToSend && Mailing.Recipients.Count > 0)
            Preview = ConsentCampaignMail.Compose(Mailing.Recipients[0], Kind, Membership.OrganisationName,
                $"{ParentPortalMail.Root(Request, configuration)}{ConsentCampaignMail.LinkPath("(this family's own link)")}", campaign.ClosesOn!.Value, campaign.ContactDetails!);
        return true;
    }
}
