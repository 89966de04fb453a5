using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Roles;

[RequirePermission(Permission.ManageRoles)]
public class IndexModel(RolePermissionService permissions) : PageModel
{
    public PermissionTable Table { get; private set; } = null!;
    public string? Message { get; private set; }

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        Table = await permissions.TableAsync(orgId, ct);
        Message = TempData["Message"] as string;
    }

    public static string SourceText(GrantSource source) => source switch
    {
        GrantSource.School => "School setting",
        GrantSource.Trust => "Trust setting",
        _ => "Default",
    };
}
