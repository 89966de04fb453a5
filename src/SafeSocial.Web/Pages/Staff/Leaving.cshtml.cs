using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.Pages.Staff;

[RequirePermission(Permission.ManagePeople)]
public class LeavingModel(StaffService staff) : PageModel
{
    [BindProperty] public DateParts LeavingDate { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    public StaffDetail Staff { get; private set; } = null!;
    public Guid OrgId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        LeavingDate = DateParts.Of(Staff.LeavingDate);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        ModelState.Clear();
        var date = LeavingDate.Read(ModelState, nameof(LeavingDate), "Leaving date", "Enter the leaving date");
        if (Reason?.Length > 1000) ModelState.AddModelError(nameof(Reason), "The reason must be 1,000 characters or fewer");
        if (!ModelState.IsValid) return Page();

        var outcome = await staff.RecordLeavingAsync(orgId, staffId, date!.Value, Reason, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = $"{Staff.FullName}'s leaving date is recorded as {date.Value:d MMMM yyyy}. From that day they cannot use SafeSocial here";
        return Redirect($"/o/{orgId}/staff/{staffId}");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        var s = await staff.FindAsync(orgId, staffId, ct);
        if (s is null) return false;
        (Staff, OrgId) = (s, orgId);
        return true;
    }
}
