using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Policy;

/// <summary>The consent purposes as SafeSocial, the trust and the school layer them, and a purpose of the organisation's own to add.</summary>
[RequirePermission(Permission.ManagePolicy)]
public class ConsentPurposesModel(ConsentPolicyService policies, ConsentPurposeChanges changes, CurrentPerson person) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [TempData] public string? Changed { get; set; }

    public Membership Membership { get; private set; } = null!;
    public IReadOnlyList<PurposeLayer> Purposes { get; private set; } = [];

    public async Task OnGetAsync(Guid orgId, CancellationToken ct) => await LoadAsync(orgId, ct);

    public async Task<IActionResult> OnPostAsync(Guid orgId, CancellationToken ct)
    {
        var (outcome, added) = await changes.AddAsync(orgId, Name, ct);
        if (!outcome.Succeeded)
        {
            foreach (var p in outcome.Problems) ModelState.AddModelError(nameof(Name), p.Message);
            await LoadAsync(orgId, ct);
            return Page();
        }
        Changed = $"\"{added!.Name}\" is added: parents are now asked about it";
        return Redirect($"/o/{orgId}/policy/consent-purposes");
    }

    private async Task LoadAsync(Guid orgId, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Purposes = await policies.PurposesAsync(orgId, ct);
    }
}
