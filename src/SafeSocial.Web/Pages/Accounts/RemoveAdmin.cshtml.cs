using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>Ends one admin's access to an account, with a reason; the account is then flagged for a password change.</summary>
[RequirePermission(Permission.ManageAccounts)]
public class RemoveAdminModel(AccountRegister register, AccountAdmins admins, AdminAccessEnding ending) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

    public OfficialAccount Account { get; private set; } = null!;
    public AdminRow Admin { get; private set; } = null!;
    public string Root => $"/o/{Account.OrganisationId}/accounts/{Account.Id}";

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, Guid staffId, CancellationToken ct) =>
        await LoadAsync(orgId, accountId, staffId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid accountId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, accountId, staffId, ct)) return NotFound();
        var outcome = await ending.RemoveAsync(orgId, accountId, staffId, Reason, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = $"{Admin.Name} is no longer an admin of this account. Change its password now";
        return Redirect(Root);
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid accountId, Guid staffId, CancellationToken ct)
    {
        var account = await register.FindAsync(orgId, accountId, ct);
        if (account is null) return false;
        var admin = (await admins.ListAsync(orgId, accountId, ct)).FirstOrDefault(a => a.StaffMemberId == staffId);
        if (admin is null) return false;
        (Account, Admin) = (account, admin);
        return true;
    }
}
