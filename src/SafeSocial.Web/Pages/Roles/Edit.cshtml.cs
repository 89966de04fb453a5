using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Roles;

[RequirePermission(Permission.ManageRoles)]
public class EditModel(RolePermissionService permissions, CurrentPerson person) : PageModel
{
    [BindProperty] public Dictionary<Permission, PermissionChoice> Choices { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }

    public RolePermissions Role { get; private set; } = null!;
    public Guid OrgId { get; private set; }
    public OrganisationKind Kind { get; private set; }
    /// <summary>The person holds this role, so may not change it.</summary>
    public bool YouHoldIt { get; private set; }
    public IReadOnlyList<RolePermissionRequest> Waiting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid orgId, string role, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, role, ct)) return NotFound();
        Choices = Role.Cells.ToDictionary(c => c.Permission, c => !OwnSetting(c) ? PermissionChoice.Inherit : c.Granted ? PermissionChoice.Grant : PermissionChoice.Revoke);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, string role, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, role, ct)) return NotFound();
        ModelState.Clear();
        // A permission the form did not send keeps what it has now.
        var current = Role.Cells.ToDictionary(c => c.Permission, c => !OwnSetting(c) ? PermissionChoice.Inherit : c.Granted ? PermissionChoice.Grant : PermissionChoice.Revoke);
        foreach (var (p, choice) in current) Choices.TryAdd(p, choice);
        var outcome = await permissions.SetAsync(orgId, Role.Role, Choices, Reason, ct);
        foreach (var problem in outcome.Problems) ModelState.AddModelError(problem.Field, problem.Message);
        if (!ModelState.IsValid) return Page();
        var waiting = (await permissions.WaitingAsync(orgId, ct)).Where(w => w.Role == Role.Role).Select(w => $"\"{w.Permission.Title()}\"").ToList();
        TempData["Message"] = $"What {Role.Role.Title().ToLowerInvariant()} can do has been saved"
            + (waiting.Count == 0 ? "" : $". {string.Join(" and ", waiting)} waits for someone else who can give roles to confirm it");
        return Redirect($"/o/{orgId}/roles");
    }

    /// <summary>This organisation has its own setting for the permission (rather than inheriting it).</summary>
    public bool OwnSetting(PermissionCell c) => c.Source == (Kind == OrganisationKind.Trust ? GrantSource.Trust : GrantSource.School);

    public string InheritedLabel(PermissionCell c) =>
        $"{(Kind == OrganisationKind.Trust || c.InheritedFrom == GrantSource.Default ? "SafeSocial's default" : "As the trust sets")}: {(c.Inherited ? "yes" : "no")}";

    private async Task<bool> LoadAsync(Guid orgId, string slug, CancellationToken ct)
    {
        if (RoleSlug.Parse(slug) is not { } role) return false;
        Kind = (await person.AccessAsync()).In(orgId)!.Kind;
        // A school's page for a trust role would only ever refuse: trust roles are adjusted at the trust.
        if (!RolePermissionService.CanAdjust(Kind, role)) return false;
        Role = await permissions.RoleAsync(orgId, role, ct);
        OrgId = orgId;
        YouHoldIt = (await permissions.ActorRolesAsync(orgId, ct)).Contains(role);
        Waiting = (await permissions.WaitingAsync(orgId, ct)).Where(w => w.Role == role).ToList();
        return true;
    }
}
