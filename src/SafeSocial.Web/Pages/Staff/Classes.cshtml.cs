using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Staff;

/// <summary>Which of the school's classes a staff member teaches: their "My class", and the consent gaps they are told of.</summary>
[RequirePermission(Permission.ManagePeople)]
public class ClassesModel(StaffService staff, PupilService pupils, ClassTeaching teaching) : PageModel
{
    [BindProperty] public List<Guid> ClassIds { get; set; } = [];
    public StaffDetail Staff { get; private set; } = null!;
    public IReadOnlyList<ClassOption> Classes { get; private set; } = [];
    public Guid OrgId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        ClassIds = (await teaching.TaughtByStaffAsync(orgId, staffId, ct)).Select(c => c.Id).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        var outcome = await teaching.SetAsync(orgId, staffId, ClassIds, ct);
        if (!outcome.Found) return NotFound();
        var names = Classes.Where(c => ClassIds.Contains(c.Id)).Select(c => c.Name).ToList();
        TempData["Message"] = names.Count == 0 ? $"{Staff.FullName} teaches no class" : $"{Staff.FullName} teaches {string.Join(", ", names)}";
        return Redirect($"/o/{orgId}/staff/{staffId}");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        // Only a school has classes; a trust's staff page has none to offer.
        var s = await staff.FindAsync(orgId, staffId, ct);
        if (s is null) return false;
        (Staff, OrgId) = (s, orgId);
        Classes = await pupils.ClassesAsync(orgId, ct);
        return true;
    }
}
