using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Policy;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Accounts;

/// <summary>Where an account request stands: the steps the policy names, and the one waiting (null once decided).</summary>
public sealed record ApprovalState(IReadOnlyList<ApprovalStep> Steps, ApprovalStep? Waiting);

/// <summary>
/// Takes an account request through the approvals the policy names: every step must approve, in order, each by
/// someone holding the step's role at the account's school or trust; a refusal (with its reason) closes the request.
/// </summary>
public sealed class AccountApprovals(SafeSocialDb db, PolicySettingsService settings, TimeProvider clock)
{
    public async Task<ApprovalState> StateAsync(OfficialAccount account, CancellationToken ct = default)
    {
        var org = await OrganisationAsync(account.OrganisationId, ct);
        var route = (await settings.EffectiveForAsync(account.OrganisationId, ct)).AccountApprovals;
        // A standalone school has no head of communications above it: its headteacher alone approves.
        var steps = route == AccountApprovalRoute.HeadteacherThenHeadOfCommunications && (org.TrustId is not null || org.Kind == OrganisationKind.Trust)
            ? new[] { ApprovalStep.Headteacher, ApprovalStep.HeadOfCommunications }
            : [ApprovalStep.Headteacher];
        var waiting = account.Status == AccountStatus.Requested
            ? steps.Cast<ApprovalStep?>().FirstOrDefault(s => account.Approvals.All(a => a.Step != s))
            : null;
        return new ApprovalState(steps, waiting);
    }

    /// <summary>The staff member through whom the signed-in person may decide the waiting step; null when they may not.</summary>
    public async Task<StaffMember?> ApproverAsync(OfficialAccount account, ApprovalStep step, Guid? userId, CancellationToken ct = default)
    {
        if (userId is null) return null;
        var org = await OrganisationAsync(account.OrganisationId, ct);
        var (role, at) = step switch
        {
            // For a trust's own account, its executive leadership stands where a headteacher would.
            ApprovalStep.Headteacher => org.Kind == OrganisationKind.Trust ? (Role.TrustExecutiveLeadership, org.Id) : (Role.Headteacher, org.Id),
            _ => (Role.HeadOfCommunications, org.TrustId ?? org.Id),
        };
        var today = UkTime.Today(clock);
        // Roles, not names: the person must hold the step's role where it counts, and not have left.
        return await db.RoleAssignments.IgnoreQueryFilters()
            .Where(r => r.OrganisationId == at && r.Role == role && r.StaffMember!.UserId == userId
                        && (r.StaffMember.LeavingDate == null || r.StaffMember.LeavingDate > today))
            .Select(r => r.StaffMember!).FirstOrDefaultAsync(ct);
    }

    /// <summary>Approves or refuses the waiting step for the signed-in person. Audited, with the reason when refusing.</summary>
    public async Task<Outcome> DecideAsync(Guid orgId, Guid accountId, ApprovalDecision decision, string? reason, CancellationToken ct = default)
    {
        var account = await db.OfficialAccounts.Include(a => a.Approvals)
            .Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);
        if (account is null) return Outcome.NotFound;
        var state = await StateAsync(account, ct);
        if (state.Waiting is not { } step)
            return Outcome.Refused("", $"This request is no longer waiting for approval: it is {Platforms.StatusText(account.Status).ToLowerInvariant()}");
        var approver = await ApproverAsync(account, step, db.Audit.ActorUserId, ct);
        if (approver is null)
            return Outcome.Refused("", $"This step needs the {ApprovalSteps.Title(step).ToLowerInvariant()} of {(await OrganisationAsync(orgId, ct)).Name}");
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (decision == ApprovalDecision.Refuse && reason is null) return Outcome.Refused("Reason", "Enter why the request is refused");
        if (reason is { Length: > 2000 }) return Outcome.Refused("Reason", "The reason must be 2000 characters or fewer");

        var now = clock.GetUtcNow();
        // Added through its set: a new row with its key already set would otherwise be taken for an existing one.
        db.AccountApprovals.Add(new AccountApproval
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, OfficialAccountId = accountId, Step = step, Decision = decision,
            Reason = reason, DecidedByStaffMemberId = approver.Id, DecidedBy = approver.FullName, DecidedAt = now,
        });
        if (decision == ApprovalDecision.Refuse)
        {
            account.Status = AccountStatus.Closed;
            account.ClosedReason = reason;
        }
        else if (state.Steps.All(s => s == step || account.Approvals.Any(a => a.Step == s && a.Decision == ApprovalDecision.Approve)))
            account.Status = AccountStatus.Approved;
        db.Audit.Reason = reason;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private Task<Org> OrganisationAsync(Guid orgId, CancellationToken ct) =>
        db.Organisations.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == orgId, ct);
}
