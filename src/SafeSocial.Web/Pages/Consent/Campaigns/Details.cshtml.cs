using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Csv;
using SafeSocial.Core.People;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Consent.Campaigns;

/// <summary>One campaign: its invitations and reminders (sent from the send page), its personal links, who has answered and who has not.</summary>
[RequirePermission(Permission.ManageConsent)]
public class DetailsModel(ConsentCampaignService campaigns, CampaignLinks links, CampaignMailQueue queue, CurrentPerson person, TimeProvider clock) : PageModel
{
    [BindProperty] public string? StopEmail { get; set; }
    public Membership Membership { get; private set; } = null!;
    public ConsentCampaign Campaign { get; private set; } = null!;
    public CampaignResponses Responses { get; private set; } = null!;
    public IReadOnlyList<ConsentCampaignSend> Sends { get; private set; } = [];
    /// <summary>The sending still going in this process, with how far it has got.</summary>
    public (ConsentCampaignSend Send, CampaignSendProgress Progress)? Running { get; private set; }
    public bool AutoRefresh { get; private set; }
    public string? Message => TempData["Changed"] as string;
    public bool InvitationsSent => Sends.Any(s => s.Kind == CampaignSendKind.Invitations);
    /// <summary>Personal links not stopped (they work until the campaign closes).</summary>
    public int ActiveLinks { get; private set; }
    public bool Open => Campaign.IsOpen(UkTime.Today(clock));

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid campaignId, string? refresh, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, campaignId, ct)) return NotFound();
        AutoRefresh = Running is not null && refresh != "off";
        return Page();
    }

    /// <summary>The pupils still to answer as a spreadsheet, for the office to chase; cells cannot run as formulas.</summary>
    public async Task<IActionResult> OnGetNotAnsweredAsync(Guid orgId, Guid campaignId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, campaignId, ct)) return NotFound();
        var csv = CsvExport.Write(["Pupil", "Year group", "Class", "Parent email"],
            Responses.NotAnswered.Select(p => new[] { p.Name, YearGroups.Label(p.YearGroup), p.ClassName, p.HasParentEmail ? "On record" : "None: send a paper form" }));
        return File(csv, CsvExport.ContentType, $"{Campaign.Name} - not answered {UkTime.Today(clock):yyyy-MM-dd}.csv");
    }

    /// <summary>Stops the personal links sent to one address, or every link of the campaign: a forwarded email, a family that has split.</summary>
    public async Task<IActionResult> OnPostStopLinksAsync(Guid orgId, Guid campaignId, bool all, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, campaignId, ct)) return NotFound();
        if (!all && string.IsNullOrWhiteSpace(StopEmail))
        {
            ModelState.AddModelError("StopEmail", "Enter the email address whose link to stop");
            return Page();
        }
        var stopped = await links.StopAsync(orgId, campaignId, all ? null : StopEmail, person.Name, ct);
        TempData["Changed"] = all
            ? $"{stopped} personal link{(stopped == 1 ? "" : "s")} stopped. Parents can still sign in to the portal with their email address."
            : stopped == 0 ? $"No working link was sent to {StopEmail!.Trim()} in this campaign."
            : $"The link sent to {StopEmail!.Trim()} is stopped. They can still sign in to the portal with their email address.";
        return Redirect($"/o/{orgId}/consent/campaigns/{campaignId}");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid campaignId, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        if (await campaigns.FindAsync(orgId, campaignId, ct) is not { } campaign) return false;
        Campaign = campaign;
        Sends = await campaigns.SendsAsync(orgId, campaignId, ct);
        if (Sends.FirstOrDefault(s => s.FinishedAt is null) is { } unfinished)
        {
            // The worker saves the sending's row before it forgets the progress: read the row again after the progress,
            // so a sending that has just finished is neither shown as going nor as interrupted.
            var progress = queue.ProgressOf(unfinished.Id);
            Sends = await campaigns.SendsAsync(orgId, campaignId, ct);
            if (progress is not null && Sends.First(s => s.Id == unfinished.Id) is { FinishedAt: null } still) Running = (still, progress);
        }
        Responses = await campaigns.ResponsesAsync(campaign, ct);
        ActiveLinks = await links.ActiveCountAsync(orgId, campaignId, ct);
        return true;
    }
}
