using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>Marks an approved account as set up and in use, suspends or resumes it, or closes it; with a reason where one is needed.</summary>
[RequirePermission(Permission.ManageAccounts)]
public class StatusModel(AccountRegister register, AccountLifecycle lifecycle) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

    public OfficialAccount Account { get; private set; } = null!;
    public AccountStatus To { get; private set; }
    public Guid OrgId { get; private set; }
    public string Root => $"/o/{OrgId}/accounts/{Account.Id}";

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, string to, CancellationToken ct) =>
        await LoadAsync(orgId, accountId, to, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid accountId, string to, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, accountId, to, ct)) return NotFound();
        var from = Account.Status;
        var outcome = await lifecycle.ChangeStatusAsync(orgId, accountId, To, Reason, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field == "To" ? "" : p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = To switch
        {
            AccountStatus.Active => from == AccountStatus.Suspended ? "The account is active again" : "The account is marked as set up and in use",
            AccountStatus.Suspended => "The account is suspended",
            _ => "The account is closed",
        };
        return Redirect(Root);
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid accountId, string to, CancellationToken ct)
    {
        if (!Enum.TryParse<AccountStatus>(to, ignoreCase: true, out var status) || status is AccountStatus.Requested or AccountStatus.Approved) return false;
        var account = await register.FindAsync(orgId, accountId, ct);
        if (account is null) return false;
        (Account, To, OrgId) = (account, status, orgId);
        return true;
    }
}
