using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>One official account: the case for it, its risk assessment, its approvals (decided here by whoever's step it is) and its admins.</summary>
[RequirePermission(Permission.ViewPeople)]
public class DetailsModel(AccountRegister register, AccountApprovals approvals, AccountAdmins admins, AdminApprovals adminApprovals,
    CurrentPerson person, MailOutbox outbox, IConfiguration configuration) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Guid? StaffMemberId { get; set; }

    public OfficialAccount Account { get; private set; } = null!;
    public ApprovalState Approval { get; private set; } = null!;
    /// <summary>Whether the signed-in person may decide the step that is waiting.</summary>
    public bool CanDecide { get; private set; }
    /// <summary>Why someone holding the waiting step's role may not decide it (they asked, or decided the step before).</summary>
    public string? CannotDecide { get; private set; }
    public bool CanManage { get; private set; }
    public IReadOnlyList<AdminRow> Admins { get; private set; } = [];
    public IReadOnlyList<AdminRequest> WaitingAdmins { get; private set; } = [];
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
        DecideAsync(orgId, accountId, ApprovalDecision.Approve, ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid orgId, Guid accountId, CancellationToken ct) =>
        DecideAsync(orgId, accountId, ApprovalDecision.Refuse, ct);

    /// <summary>Asks for a person to become an admin: they become one once the approvals the policy names are given.</summary>
    public async Task<IActionResult> OnPostAdminAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        // Choosing admins is for those who manage accounts; the page itself is open to anyone who sees people.
        if (!(await person.AccessAsync()).Can(orgId, Permission.ManageAccounts)) return Forbid();
        if (!await LoadAsync(orgId, accountId, ct)) return NotFound();
        var (_, result) = await adminApprovals.RequestAsync(orgId, accountId, StaffMemberId, ct);
        var name = Candidates.FirstOrDefault(c => c.StaffMemberId == StaffMemberId)?.Name;
        return Done(result, $"{name} becomes an admin once approved. The {ApprovalSteps.Title(result.NowWaiting ?? ApprovalStep.Headteacher).ToLowerInvariant()} is now asked");
    }

    private async Task<IActionResult> DecideAsync(Guid orgId, Guid accountId, ApprovalDecision decision, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, accountId, ct)) return NotFound();
        var result = await approvals.DecideAsync(orgId, accountId, decision, Reason, ct);
        return Done(result, decision == ApprovalDecision.Refuse ? $"You refused the request: it is closed. {Account.RequestedBy} is told why"
            : result.NowWaiting is { } next ? $"You approved the request. The {ApprovalSteps.Title(next).ToLowerInvariant()} is now asked"
            : "You approved the request. The account is approved; next, add a trained admin");
    }

    /// <summary>Shows the problems on the page, or sends the letters and goes back to the account with what happens next.</summary>
    private IActionResult Done(ApprovalResult result, string message)
    {
        if (!result.Outcome.Found) return NotFound();
        foreach (var p in result.Outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        ApprovalMail.Send(outbox, result.Letters, Request, configuration);
        TempData["Message"] = message;
        return Redirect($"/o/{OrgId}/accounts/{Account.Id}");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        var account = await register.FindAsync(orgId, accountId, ct);
        if (account is null) return false;
        (Account, OrgId) = (account, orgId);
        Approval = await approvals.StateAsync(account, ct);
        if (Approval.Waiting is { } step)
        {
            var check = await approvals.CheckAsync(account, step, person.UserId, ct);
            (CanDecide, CannotDecide) = (check.Approver is not null, check.HoldsRole ? check.Problem : null);
        }
        CanManage = (await person.AccessAsync()).Can(orgId, Permission.ManageAccounts);
        Admins = await admins.ListAsync(orgId, accountId, ct);
        WaitingAdmins = await adminApprovals.WaitingAsync(orgId, accountId, ct);
        if (CanManage && account.Status is AccountStatus.Approved or AccountStatus.Active) Candidates = await admins.CandidatesAsync(orgId, ct);
        return true;
    }
}
