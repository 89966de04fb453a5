using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Policy;

/// <summary>The email domains official accounts may be registered with: this school's (or trust's) own list, or what it inherits.</summary>
[RequirePermission(Permission.ManagePolicy)]
public class EmailDomainsModel(AccountEmailDomainsSetting setting, CurrentPerson person) : PageModel
{
    [BindProperty] public string? Choice { get; set; }
    [BindProperty] public string? Domains { get; set; }

    public Membership Membership { get; private set; } = null!;
    public EmailDomainLayers Layers { get; private set; } = null!;
    public string Here => Membership.Kind == OrganisationKind.Trust ? "this trust" : "this school";

    public async Task<IActionResult> OnGetAsync(Guid orgId, CancellationToken ct)
    {
        await LoadAsync(orgId, ct);
        Choice = Layers.Own is null ? ChangeSettingModel.Inherit : ChangeSettingModel.Own;
        Domains = string.Join(Environment.NewLine, Layers.Own ?? []);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, CancellationToken ct)
    {
        await LoadAsync(orgId, ct);
        if (Choice is not (ChangeSettingModel.Inherit or ChangeSettingModel.Own))
        {
            ModelState.AddModelError(nameof(Choice), $"Select whether {Here} lists its own domains");
            return Page();
        }
        var outcome = await setting.SetAsync(orgId, Choice == ChangeSettingModel.Inherit, Domains, ct);
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        var now = await setting.LayersAsync(orgId, ct);
        TempData["Changed"] = now.Effective.Count == 0
            ? $"Official accounts of {Membership.OrganisationName} have no email domain listed"
            : $"Official accounts of {Membership.OrganisationName} are registered with an email on {string.Join(", ", now.Effective.Select(d => "@" + d))}";
        return Redirect($"/o/{orgId}/policy/settings");
    }

    private async Task LoadAsync(Guid orgId, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Layers = await setting.LayersAsync(orgId, ct);
    }
}
