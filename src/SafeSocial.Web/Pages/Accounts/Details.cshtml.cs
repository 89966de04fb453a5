using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>One official account: the case for it, its risk assessment, its approvals (decided here by whoever's step it is) and its admins.</summary>
[RequirePermission(Permission.ViewPeople)]
public class DetailsModel(AccountRegister register, AccountApprovals approvals, AccountAdmins admins, CurrentPerson person) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Guid? StaffMemberId { get; set; }

    public OfficialAccount Account { get; private set; } = null!;
    public ApprovalState Approval { get; private set; } = null!;
    /// <summary>Whether the signed-in person holds the role of the step that is waiting.</summary>
    public bool CanDecide { get; private set; }
    public bool CanManage { get; private set; }
    public IReadOnlyList<AdminRow> Admins { get; private set; } = [];
    public IReadOnlyList<AdminCandidate> Candidates { get; private set; } = [];
    public Guid OrgId { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, accountId, ct)) return NotFound();
        Message = TempData["Message"] as string;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid orgId, Guid accountId, CancellationToken ct) =>
        ChangeAsync(orgId, accountId, () => approvals.DecideAsync(orgId, accountId, ApprovalDecision.Approve, Reason, ct), "You approved the request", ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid orgId, Guid accountId, CancellationToken ct) =>
        ChangeAsync(orgId, accountId, () => approvals.DecideAsync(orgId, accountId, ApprovalDecision.Refuse, Reason, ct), "You refused the request: it is closed", ct);

    public async Task<IActionResult> OnPostAdminAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        // Choosing admins is for those who manage accounts; the page itself is open to anyone who sees people.
        if (!(await person.AccessAsync()).Can(orgId, Permission.ManageAccounts)) return Forbid();
        return await ChangeAsync(orgId, accountId, () => admins.AddAsync(orgId, accountId, StaffMemberId, ct), null, ct);
    }

    private async Task<IActionResult> ChangeAsync(Guid orgId, Guid accountId, Func<Task<Outcome>> change, string? message, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, accountId, ct)) return NotFound();
        var outcome = await change();
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = message ?? $"{Candidates.FirstOrDefault(c => c.StaffMemberId == StaffMemberId)?.Name} is now an admin of this account";
        return Redirect($"/o/{orgId}/accounts/{accountId}");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        var account = await register.FindAsync(orgId, accountId, ct);
        if (account is null) return false;
        (Account, OrgId) = (account, orgId);
        Approval = await approvals.StateAsync(account, ct);
        CanDecide = Approval.Waiting is { } step && await approvals.ApproverAsync(account, step, person.UserId, ct) is not null;
        CanManage = (await person.AccessAsync()).Can(orgId, Permission.ManageAccounts);
        Admins = await admins.ListAsync(orgId, accountId, ct);
        if (CanManage && account.Status is AccountStatus.Approved or AccountStatus.Active) Candidates = await admins.CandidatesAsync(orgId, ct);
        return true;
    }
}
