using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>A request to make someone an admin of an account: its approvals, decided here by whoever's step it is.</summary>
[RequirePermission(Permission.ViewPeople)]
public class AdminRequestModel(AccountRegister register, AdminApprovals approvals, CurrentPerson person, MailOutbox outbox, IConfiguration configuration) : PageModel
{
    [BindProperty] public string? Reason { get; set; }

    public OfficialAccount Account { get; private set; } = null!;
    public AdminRequest Asked { get; private set; } = null!;
    public ApprovalState Approval { get; private set; } = null!;
    public bool CanDecide { get; private set; }
    public string? CannotDecide { get; private set; }
    public string Root => $"/o/{Account.OrganisationId}/accounts/{Account.Id}";

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, Guid requestId, CancellationToken ct) =>
        await LoadAsync(orgId, accountId, requestId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid orgId, Guid accountId, Guid requestId, CancellationToken ct) =>
        DecideAsync(orgId, accountId, requestId, ApprovalDecision.Approve, ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid orgId, Guid accountId, Guid requestId, CancellationToken ct) =>
        DecideAsync(orgId, accountId, requestId, ApprovalDecision.Refuse, ct);

    private async Task<IActionResult> DecideAsync(Guid orgId, Guid accountId, Guid requestId, ApprovalDecision decision, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, accountId, requestId, ct)) return NotFound();
        var result = await approvals.DecideAsync(orgId, accountId, requestId, decision, Reason, ct);
        if (!result.Outcome.Found) return NotFound();
        foreach (var p in result.Outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        ApprovalMail.Send(outbox, result.Letters, Request, configuration);
        var name = Asked.StaffMember?.FullName;
        TempData["Message"] = decision == ApprovalDecision.Refuse ? $"You refused {name} as an admin. {Asked.RequestedBy} is told why"
            : result.NowWaiting is { } next ? $"You approved {name} as an admin. The {ApprovalSteps.Title(next).ToLowerInvariant()} is now asked"
            : $"You approved {name} as an admin: they are now an admin of this account";
        return Redirect(Root);
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid accountId, Guid requestId, CancellationToken ct)
    {
        var account = await register.FindAsync(orgId, accountId, ct);
        var request = account is null ? null : await approvals.FindAsync(orgId, accountId, requestId, ct);
        if (request is null) return false;
        (Account, Asked) = (account!, request);
        Approval = await approvals.StateAsync(request, ct);
        if (Approval.Waiting is { } step)
        {
            var check = await approvals.CheckAsync(request, step, person.UserId, ct);
            (CanDecide, CannotDecide) = (check.Approver is not null, check.HoldsRole ? check.Problem : null);
        }
        return true;
    }
}
