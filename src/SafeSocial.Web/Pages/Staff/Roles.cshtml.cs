using SafeSocial.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Staff;

[RequirePermission(Permission.ManageRoles)]
public class RolesModel(StaffService staff, RoleAssignmentService roles, CurrentPerson person, TimeProvider clock) : PageModel
{
    [BindProperty] public Role? Role { get; set; }
    [BindProperty] public bool NamedGovernor { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public StaffDetail Staff { get; private set; } = null!;
    public Guid OrgId { get; private set; }
    public IReadOnlyList<Role> Available { get; private set; } = [];
    public AssignmentSummary? CurrentNamedGovernor { get; private set; }
    public bool HasLeft { get; private set; }
    /// <summary>The person's own roles: shown, but only someone else may change them.</summary>
    public bool Yourself { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        Message = TempData["Message"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        ModelState.Clear();
        if (Role is null) ModelState.AddModelError(nameof(Role), "Select the role to give");
        else if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter why you are giving this role");
        if (!ModelState.IsValid) return Page();

        var outcome = await roles.GiveAsync(orgId, staffId, Role!.Value, NamedGovernor && Role == Core.Organisation.Role.Governor, Reason, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = $"{Staff.FullName} is now {Role.Value.Title().ToLowerInvariant()}";
        return Redirect($"/o/{orgId}/staff/{staffId}/roles");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        var s = await staff.FindAsync(orgId, staffId, ct);
        if (s is null) return false;
        (Staff, OrgId) = (s, orgId);
        HasLeft = s.HasLeft(UkTime.Today(clock));
        Yourself = await roles.IsActorAsync(orgId, staffId, ct);
        var kind = (await person.AccessAsync()).In(orgId)!.Kind;
        Available = RoleAssignmentService.RolesFor(kind).Where(r => s.Roles.All(h => h.Role != r)).ToList();
        CurrentNamedGovernor = kind == OrganisationKind.School ? await roles.NamedGovernorAsync(orgId, ct) : null;
        return true;
    }
}
