using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent.Campaigns;

/// <summary>Start a campaign: a name, and the whole school or chosen year groups.</summary>
[RequirePermission(Permission.ManageConsent)]
public class NewModel(ConsentCampaignService campaigns, CurrentPerson person, TimeProvider clock) : PageModel
{
    public const string WholeSchool = "whole-school";
    public const string ChosenYears = "year-groups";

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Scope { get; set; }
    [BindProperty] public List<string> YearGroups { get; set; } = [];
    public IReadOnlyList<string> Available { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid orgId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, ct)) return Redirect($"/o/{orgId}/consent/campaigns");
        var today = UkTime.Today(clock);
        var start = today.Month >= 9 ? today.Year : today.Year - 1;
        Name = $"Photo consent {start} to {start + 1}";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, ct)) return Redirect($"/o/{orgId}/consent/campaigns");
        if (Scope is not (WholeSchool or ChosenYears)) ModelState.AddModelError(nameof(Scope), "Select whether to ask the whole school or chosen year groups");
        else if (Scope == ChosenYears && YearGroups.Count == 0) ModelState.AddModelError(nameof(YearGroups), "Select at least one year group");
        if (!ModelState.IsValid) return Page();

        var (outcome, id) = await campaigns.CreateAsync(orgId, Name, Scope == WholeSchool ? [] : YearGroups, person.Name, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!outcome.Succeeded) return Page();
        TempData["Changed"] = "Campaign started. Send the invitations when you are ready.";
        return Redirect($"/o/{orgId}/consent/campaigns/{id}");
    }

    /// <summary>False at a trust: campaigns belong to schools.</summary>
    private async Task<bool> LoadAsync(Guid orgId, CancellationToken ct)
    {
        if ((await person.AccessAsync()).In(orgId)!.Kind != OrganisationKind.School) return false;
        Available = await campaigns.YearGroupsAsync(orgId, ct);
        return true;
    }
}
