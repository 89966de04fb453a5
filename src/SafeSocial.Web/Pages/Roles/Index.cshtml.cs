using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Roles;

[RequirePermission(Permission.ManageRoles)]
public class IndexModel(RolePermissionService permissions, CurrentPerson person) : PageModel
{
    public PermissionTable Table { get; private set; } = null!;
    public IReadOnlyList<RolePermissionRequest> Waiting { get; private set; } = [];
    public IReadOnlySet<Role> YourRoles { get; private set; } = new HashSet<Role>();
    public string? Message { get; private set; }

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        await LoadAsync(orgId, ct);
        Message = TempData["Message"] as string;
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid orgId, Guid requestId, CancellationToken ct) =>
        DecideAsync(orgId, requestId, confirm: true, ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid orgId, Guid requestId, CancellationToken ct) =>
        DecideAsync(orgId, requestId, confirm: false, ct);

    private async Task<IActionResult> DecideAsync(Guid orgId, Guid requestId, bool confirm, CancellationToken ct)
    {
        var request = (await permissions.WaitingAsync(orgId, ct)).FirstOrDefault(r => r.Id == requestId);
        var outcome = confirm ? await permissions.ConfirmAsync(orgId, requestId, ct) : await permissions.RefuseAsync(orgId, requestId, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid)
        {
            await LoadAsync(orgId, ct);
            return Page();
        }
        var what = $"\"{request!.Permission.Title()}\" for {request.Role.Title().ToLowerInvariant()}";
        TempData["Message"] = confirm ? $"Confirmed: {what} now applies" : $"{what} will not be given";
        return Redirect($"/o/{orgId}/roles");
    }

    /// <summary>Whether this person may confirm the request: not the one who asked, and not holding the role.</summary>
    public bool CanConfirm(RolePermissionRequest r) => r.RequestedByUserId != person.UserId && !YourRoles.Contains(r.Role);

    public bool AskedByYou(RolePermissionRequest r) => r.RequestedByUserId == person.UserId;

    private async Task LoadAsync(Guid orgId, CancellationToken ct)
    {
        Table = await permissions.TableAsync(orgId, ct);
        Waiting = await permissions.WaitingAsync(orgId, ct);
        YourRoles = await permissions.ActorRolesAsync(orgId, ct);
    }

    public static string SourceText(GrantSource source) => source switch
    {
        GrantSource.School => "School setting",
        GrantSource.Trust => "Trust setting",
        _ => "Default",
    };
}
