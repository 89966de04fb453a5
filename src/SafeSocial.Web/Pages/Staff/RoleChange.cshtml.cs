using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Staff;

/// <summary>Confirms one change to a role someone holds (removing it, or naming the governor for online safety) and asks why.</summary>
[RequirePermission(Permission.ManageRoles)]
public class RoleChangeModel(RoleAssignmentService roles) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    public AssignmentSummary Assignment { get; private set; } = null!;
    public AssignmentSummary? CurrentNamedGovernor { get; private set; }
    public Guid OrgId { get; private set; }
    public bool Removing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid staffId, Guid assignmentId, string change, CancellationToken ct) =>
        await LoadAsync(orgId, staffId, assignmentId, change, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid staffId, Guid assignmentId, string change, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, assignmentId, change, ct)) return NotFound();
        var outcome = Removing
            ? await roles.RemoveAsync(orgId, assignmentId, Reason, ct)
            : await roles.MakeNamedGovernorAsync(orgId, assignmentId, Reason, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = Removing
            ? $"{Assignment.StaffName} is no longer {Assignment.Role.Title().ToLowerInvariant()}"
            : $"{Assignment.StaffName} is now the named governor for online safety";
        return Redirect($"/o/{orgId}/staff/{staffId}/roles");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid staffId, Guid assignmentId, string change, CancellationToken ct)
    {
        var a = await roles.FindAsync(orgId, assignmentId, ct);
        if (a is null || a.StaffMemberId != staffId) return false;
        (Assignment, OrgId, Removing) = (a, orgId, change == "remove");
        if (!Removing) CurrentNamedGovernor = await roles.NamedGovernorAsync(orgId, ct);
        return true;
    }
}
