using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts;

/// <summary>
/// Adding an admin to an official account, as the trust policy has it "authorised by the headteacher and the head of
/// communications": the request goes through the same approval steps as the account, each decided by a different
/// person from the one who asked (and not by the person proposed), and the admin is added only once every step approves.
/// </summary>
public sealed class AdminApprovals(SafeSocialDb db, AccountAdmins admins, AccountApprovals approvals, TimeProvider clock)
{
    /// <summary>Asks for the staff member to become an admin, once they could be one. Audited; the first step's approvers are written to.</summary>
    public async Task<(Guid? RequestId, ApprovalResult Result)> RequestAsync(Guid orgId, Guid accountId, Guid? staffMemberId, CancellationToken ct = default)
    {
        var (person, problem) = await admins.CheckCandidateAsync(orgId, accountId, staffMemberId, ct);
        if (problem is not null) return (null, ApprovalResult.Of(problem));
        if (await db.AdminRequests.AnyAsync(r => r.OfficialAccountId == accountId && r.StaffMemberId == person!.Id && r.Status == AdminRequestStatus.Waiting, ct))
            return (null, ApprovalResult.Of(Outcome.Refused("StaffMemberId", $"{person!.FullName} is already waiting for approval as an admin of this account")));
        var request = new AdminRequest
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, OfficialAccountId = accountId, StaffMemberId = person!.Id, Status = AdminRequestStatus.Waiting,
            RequestedAt = clock.GetUtcNow(), RequestedBy = db.Audit.ActorName, RequestedByUserId = db.Audit.ActorUserId,
        };
        db.AdminRequests.Add(request);
        db.Audit.Reason = $"Asked for {person.FullName} to become an admin";
        await db.SaveChangesAsync(ct);
        var step = (await approvals.StepsAsync(orgId, ct))[0];
        var name = await AccountNameAsync(accountId, ct);
        var letters = await approvals.AskAsync(orgId, step, [request.RequestedByUserId, person.UserId],
            p => Letter(ApprovalLetterKind.StepWaiting, p, request, name, person, step, request.RequestedBy, null), ct);
        return (request.Id, new ApprovalResult(Outcome.Done, step, letters));
    }

    /// <summary>The request with its person and decisions; null when there is no such request for this account here.</summary>
    public Task<AdminRequest?> FindAsync(Guid orgId, Guid accountId, Guid requestId, CancellationToken ct = default) =>
        db.AdminRequests.AsNoTracking().Include(r => r.Approvals).Include(r => r.StaffMember)
            .Where(r => r.OrganisationId == orgId && r.OfficialAccountId == accountId && r.Id == requestId).SingleOrDefaultAsync(ct);

    /// <summary>The account's requests still waiting, oldest first.</summary>
    public Task<List<AdminRequest>> WaitingAsync(Guid orgId, Guid accountId, CancellationToken ct = default) =>
        db.AdminRequests.AsNoTracking().Include(r => r.Approvals).Include(r => r.StaffMember)
            .Where(r => r.OrganisationId == orgId && r.OfficialAccountId == accountId && r.Status == AdminRequestStatus.Waiting)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct);

    public async Task<ApprovalState> StateAsync(AdminRequest request, CancellationToken ct = default)
    {
        var steps = await approvals.StepsAsync(request.OrganisationId, ct);
        return new ApprovalState(steps, request.Status == AdminRequestStatus.Waiting ? ApprovalSteps.Waiting(steps, request.Approvals.Select(a => a.Step)) : null);
    }

    /// <summary>Whether the person may decide the step: as for an account, and never about themselves.</summary>
    public async Task<ApproverCheck> CheckAsync(AdminRequest request, ApprovalStep step, Guid? userId, CancellationToken ct = default)
    {
        var check = await approvals.CheckApproverAsync(request.OrganisationId, step, userId, request.RequestedByUserId,
            request.Approvals.Select(a => a.DecidedByStaffMemberId).ToList(), "asked for this admin", ct);
        return check.Approver is not null && request.StaffMember?.UserId == userId
            ? new(null, $"You are the person proposed, so another {ApprovalSteps.Title(step).ToLowerInvariant()} must decide whether you become an admin", true)
            : check;
    }

    /// <summary>Approves or refuses the waiting step; the last approval makes the person an admin. Audited with the reason.</summary>
    public async Task<ApprovalResult> DecideAsync(Guid orgId, Guid accountId, Guid requestId, ApprovalDecision decision, string? reason, CancellationToken ct = default)
    {
        var request = await db.AdminRequests.Include(r => r.Approvals).Include(r => r.StaffMember)
            .Where(r => r.OrganisationId == orgId && r.OfficialAccountId == accountId && r.Id == requestId).SingleOrDefaultAsync(ct);
        if (request is null) return ApprovalResult.Of(Outcome.NotFound);
        var state = await StateAsync(request, ct);
        if (state.Waiting is not { } step)
            return ApprovalResult.Of(Outcome.Refused("", $"This request is no longer waiting for approval: it was {request.Status.ToString().ToLowerInvariant()}"));
        var (approver, problem, _) = await CheckAsync(request, step, db.Audit.ActorUserId, ct);
        if (approver is null) return ApprovalResult.Of(Outcome.Refused("", problem!));
        if (AccountApprovals.CheckReason(decision, reason, out reason) is { } bad) return ApprovalResult.Of(bad);
        var next = decision == ApprovalDecision.Approve ? ApprovalSteps.Waiting(state.Steps, request.Approvals.Select(a => a.Step).Append(step)) : null;
        if (decision == ApprovalDecision.Approve && next is null)
        {
            // Things may have changed while the request waited: their training lapsed, they left, or someone else added them.
            var (_, stale) = await admins.CheckCandidateAsync(orgId, accountId, request.StaffMemberId, ct);
            if (stale is not null) return ApprovalResult.Of(Outcome.Refused("", stale.Problems[0].Message));
        }

        db.AdminApprovals.Add(new AdminApproval
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, AdminRequestId = request.Id, Step = step, Decision = decision, Reason = reason,
            DecidedByStaffMemberId = approver.Id, DecidedBy = approver.FullName, DecidedAt = clock.GetUtcNow(),
        });
        if (decision == ApprovalDecision.Refuse) (request.Status, request.RefusedReason) = (AdminRequestStatus.Refused, reason);
        else if (next is null)
        {
            request.Status = AdminRequestStatus.Approved;
            admins.Add(request);
        }
        db.Audit.Reason = reason ?? $"{ApprovalSteps.Title(step)} approved {request.StaffMember!.FullName} as an admin";
        await db.SaveChangesAsync(ct);

        var person = request.StaffMember!;
        var name = await AccountNameAsync(accountId, ct);
        var letters = next is { } waiting
            ? await approvals.AskAsync(orgId, waiting, [request.RequestedByUserId, person.UserId, approver.UserId],
                p => Letter(ApprovalLetterKind.StepWaiting, p, request, name, person, waiting, approver.FullName, reason), ct)
            : await approvals.TellRequesterAsync(orgId, request.RequestedByUserId,
                p => Letter(decision == ApprovalDecision.Approve ? ApprovalLetterKind.Approved : ApprovalLetterKind.Refused, p, request, name, person, step, approver.FullName, reason), ct);
        return new ApprovalResult(Outcome.Done, next, letters);
    }

    private static ApprovalLetter Letter(ApprovalLetterKind kind, StaffMember to, AdminRequest request, string account, StaffMember person, ApprovalStep step, string by, string? reason) =>
        new(kind, to.Email!, to.FullName, request.OrganisationId, request.OfficialAccountId, account, step, person.FullName, by, reason,
            $"/o/{request.OrganisationId}/accounts/{request.OfficialAccountId}/admins/requests/{request.Id}");

    /// <summary>The account as letters name it: "@handle (Facebook page)".</summary>
    private async Task<string> AccountNameAsync(Guid accountId, CancellationToken ct)
    {
        var a = await db.OfficialAccounts.AsNoTracking().SingleAsync(x => x.Id == accountId, ct);
        return $"{a.Handle} ({a.PlatformName})";
    }
}
