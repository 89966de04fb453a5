using SafeSocial.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Staff;

[RequirePermission(Permission.ViewPeople)]
public class DetailsModel(StaffService staff, ClassTeaching teaching, CurrentPerson person, TimeProvider clock) : PageModel
{
    public StaffDetail Staff { get; private set; } = null!;
    public Membership Membership { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<ClassOption> Classes { get; private set; } = [];
    public bool CanManagePeople => Membership.Permissions.Contains(Permission.ManagePeople);
    public bool CanManageRoles => Membership.Permissions.Contains(Permission.ManageRoles);
    public string Root => $"/o/{Membership.OrganisationId}/staff/{Staff.Id}";

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        var found = await staff.FindAsync(orgId, staffId, ct);
        if (found is null) return NotFound();
        Staff = found;
        Membership = (await person.AccessAsync()).In(orgId)!;
        Today = UkTime.Today(clock);
        Classes = await teaching.TaughtByStaffAsync(orgId, staffId, ct);
        Message = TempData["Message"] as string;
        return Page();
    }
}
