using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Policy;

/// <summary>Rename one consent purpose for this organisation, stop asking about it, or ask about it again.</summary>
[RequirePermission(Permission.ManagePolicy)]
public class ConsentPurposeModel(ConsentPolicyService policies, ConsentPurposeChanges changes, CurrentPerson person) : PageModel
{
    public const string Asked = "asked";
    public const string NotAsked = "not-asked";

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Offered { get; set; }

    public Membership Membership { get; private set; } = null!;
    public PurposeLayer Layer { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid orgId, string purposeKey, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, purposeKey, ct)) return NotFound();
        Name = Layer.Purpose.Name;
        Offered = Layer.Offered ? Asked : NotAsked;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, string purposeKey, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, purposeKey, ct)) return NotFound();
        if (Offered is not (Asked or NotAsked)) ModelState.AddModelError(nameof(Offered), "Select whether parents are asked about this purpose");
        else
        {
            var outcome = await changes.ChangeAsync(orgId, purposeKey, Name, Offered == Asked, ct);
            if (!outcome.Found) return NotFound();
            foreach (var p in outcome.Problems) ModelState.AddModelError(nameof(Name), p.Message);
        }
        if (!ModelState.IsValid) return Page();
        TempData["Changed"] = Offered == Asked
            ? $"Parents are asked about \"{Name!.Trim()}\""
            : $"Parents are no longer asked about \"{Name!.Trim()}\". Decisions already recorded are kept";
        return Redirect($"/o/{orgId}/policy/consent-purposes");
    }

    private async Task<bool> LoadAsync(Guid orgId, string key, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Layer = (await policies.PurposesAsync(orgId, ct)).FirstOrDefault(l => l.Purpose.Key == key)!;
        return Layer is not null;
    }
}
