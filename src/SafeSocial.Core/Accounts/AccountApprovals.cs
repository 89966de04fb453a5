using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Policy;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Accounts;

/// <summary>Where an account request stands: the steps the policy names, and the one waiting (null once decided).</summary>
public sealed record ApprovalState(IReadOnlyList<ApprovalStep> Steps, ApprovalStep? Waiting);

/// <summary>Whether a person may decide a step: through which staff record, or why not (and whether they hold the step's role at all).</summary>
public sealed record ApproverCheck(StaffMember? Approver, string? Problem, bool HoldsRole);

/// <summary>
/// Takes an account request through the approvals the policy names: every step must approve, in order, each by
/// someone holding the step's role at the account's school or trust; a refusal (with its reason) closes the request.
/// The person who asked and each approver must all be different people. Approvers are written to as a step reaches
/// them, the person who asked once it is decided (the caller sends the letters once saved).
/// </summary>
public sealed class AccountApprovals(SafeSocialDb db, PolicySettingsService settings, TimeProvider clock)
{
    /// <summary>The steps the policy names for a new account, or a new admin, of this organisation.</summary>
    public async Task<IReadOnlyList<ApprovalStep>> StepsAsync(Guid orgId, CancellationToken ct = default)
    {
        var org = await OrganisationAsync(orgId, ct);
        var route = (await settings.EffectiveForAsync(orgId, ct)).AccountApprovals;
        // A standalone school has no head of communications above it: its headteacher alone approves.
        return route == AccountApprovalRoute.HeadteacherThenHeadOfCommunications && (org.TrustId is not null || org.Kind == OrganisationKind.Trust)
            ? [ApprovalStep.Headteacher, ApprovalStep.HeadOfCommunications]
            : [ApprovalStep.Headteacher];
    }

    public async Task<ApprovalState> StateAsync(OfficialAccount account, CancellationToken ct = default)
    {
        var steps = await StepsAsync(account.OrganisationId, ct);
        return new ApprovalState(steps, account.Status == AccountStatus.Requested ? ApprovalSteps.Waiting(steps, account.Approvals.Select(a => a.Step)) : null);
    }

    /// <summary>Whether the signed-in person may decide the waiting step; when they hold its role but may not, why.</summary>
    public Task<ApproverCheck> CheckAsync(OfficialAccount account, ApprovalStep step, Guid? userId, CancellationToken ct = default) =>
        CheckApproverAsync(account.OrganisationId, step, userId, account.RequestedByUserId,
            account.Approvals.Select(a => a.DecidedByStaffMemberId).ToList(), "asked for this account", ct);

    /// <summary>Approves or refuses the waiting step for the signed-in person. Audited, with the reason when refusing.</summary>
    public async Task<ApprovalResult> DecideAsync(Guid orgId, Guid accountId, ApprovalDecision decision, string? reason, CancellationToken ct = default)
    {
        var account = await db.OfficialAccounts.Include(a => a.Approvals)
            .Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);
        if (account is null) return ApprovalResult.Of(Outcome.NotFound);
        var state = await StateAsync(account, ct);
        if (state.Waiting is not { } step)
            return ApprovalResult.Of(Outcome.Refused("", $"This request is no longer waiting for approval: it is {Platforms.StatusText(account.Status).ToLowerInvariant()}"));
        var (approver, problem, _) = await CheckAsync(account, step, db.Audit.ActorUserId, ct);
        if (approver is null) return ApprovalResult.Of(Outcome.Refused("", problem!));
        if (CheckReason(decision, reason, out reason) is { } bad) return ApprovalResult.Of(bad);

        // Added through its set: a new row with its key already set would otherwise be taken for an existing one.
        db.AccountApprovals.Add(new AccountApproval
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, OfficialAccountId = accountId, Step = step, Decision = decision,
            Reason = reason, DecidedByStaffMemberId = approver.Id, DecidedBy = approver.FullName, DecidedAt = clock.GetUtcNow(),
        });
        var next = decision == ApprovalDecision.Approve ? ApprovalSteps.Waiting(state.Steps, account.Approvals.Select(a => a.Step).Append(step)) : null;
        if (decision == ApprovalDecision.Refuse)
        {
            account.Status = AccountStatus.Closed;
            account.ClosedReason = reason;
        }
        else if (next is null) account.Status = AccountStatus.Approved;
        db.Audit.Reason = reason;
        await db.SaveChangesAsync(ct);

        var path = $"/o/{orgId}/accounts/{accountId}";
        var name = $"{account.Handle} ({account.PlatformName})";
        var letters = next is { } waiting
            ? await AskAsync(orgId, waiting, [account.RequestedByUserId, .. await UsersOfAsync(account.Approvals.Select(a => a.DecidedByStaffMemberId), ct)],
                p => new ApprovalLetter(ApprovalLetterKind.StepWaiting, p.Email!, p.FullName, orgId, accountId, name, waiting, null, approver.FullName, reason, path), ct)
            : await TellRequesterAsync(orgId, account.RequestedByUserId,
                p => new ApprovalLetter(decision == ApprovalDecision.Approve ? ApprovalLetterKind.Approved : ApprovalLetterKind.Refused,
                    p.Email!, p.FullName, orgId, accountId, name, step, null, approver.FullName, reason, path), ct);
        return new ApprovalResult(Outcome.Done, next, letters);
    }

    /// <summary>The letters asking the approvers of a new request's first step, once it is saved.</summary>
    public async Task<IReadOnlyList<ApprovalLetter>> AskFirstAsync(Guid orgId, Guid accountId, CancellationToken ct = default)
    {
        var account = await db.OfficialAccounts.AsNoTracking().SingleAsync(a => a.OrganisationId == orgId && a.Id == accountId, ct);
        var step = (await StepsAsync(orgId, ct))[0];
        return await AskAsync(orgId, step, [account.RequestedByUserId],
            p => new ApprovalLetter(ApprovalLetterKind.StepWaiting, p.Email!, p.FullName, orgId, accountId, $"{account.Handle} ({account.PlatformName})",
                step, null, account.RequestedBy, null, $"/o/{orgId}/accounts/{accountId}"), ct);
    }

    /// <summary>
    /// The staff member through whom the person may decide the step, or why not: they must hold the step's role where
    /// it counts, and be neither the person who asked nor the approver of an earlier step.
    /// </summary>
    internal async Task<ApproverCheck> CheckApproverAsync(Guid orgId, ApprovalStep step, Guid? userId, Guid? requesterUserId,
        IReadOnlyCollection<Guid> earlierApprovers, string asked, CancellationToken ct)
    {
        var title = ApprovalSteps.Title(step).ToLowerInvariant();
        var approver = userId is null ? null : (await HoldersAsync(orgId, step, ct)).FirstOrDefault(s => s.UserId == userId);
        if (approver is null) return new(null, $"This step needs the {title} of {(await OrganisationAsync(orgId, ct)).Name}", false);
        if (requesterUserId == userId)
            return new(null, $"You {asked}, so another {title} must decide this step: the person who asks and each approver must be different people", true);
        if ((await UsersOfAsync(earlierApprovers, ct)).Contains(userId))
            return new(null, $"You decided an earlier step, so another {title} must decide this one: each step needs a different person", true);
        return new(approver, null, true);
    }

    /// <summary>A letter to each holder of the step's role with an email address, leaving out the people already involved.</summary>
    internal async Task<IReadOnlyList<ApprovalLetter>> AskAsync(Guid orgId, ApprovalStep step, IReadOnlyCollection<Guid?> involved,
        Func<StaffMember, ApprovalLetter> letter, CancellationToken ct) =>
        (await HoldersAsync(orgId, step, ct))
            .Where(s => !string.IsNullOrWhiteSpace(s.Email) && !involved.Contains(s.UserId))
            .DistinctBy(s => s.Email!.ToLowerInvariant()).Select(letter).ToList();

    /// <summary>The letter to the person who asked, through their staff record at the organisation or its trust.</summary>
    internal async Task<IReadOnlyList<ApprovalLetter>> TellRequesterAsync(Guid orgId, Guid? requesterUserId, Func<StaffMember, ApprovalLetter> letter, CancellationToken ct)
    {
        if (requesterUserId is null) return [];
        var org = await OrganisationAsync(orgId, ct);
        var person = await db.StaffMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.UserId == requesterUserId && (s.OrganisationId == org.Id || s.OrganisationId == org.TrustId) && s.Email != null && s.Email != "")
            .OrderBy(s => s.OrganisationId == org.Id ? 0 : 1).FirstOrDefaultAsync(ct);
        return person is null ? [] : [letter(person)];
    }

    internal static Outcome? CheckReason(ApprovalDecision decision, string? given, out string? reason)
    {
        reason = string.IsNullOrWhiteSpace(given) ? null : given.Trim();
        if (decision == ApprovalDecision.Refuse && reason is null) return Outcome.Refused("Reason", "Enter why the request is refused");
        if (reason is { Length: > 2000 }) return Outcome.Refused("Reason", "The reason must be 2000 characters or fewer");
        return null;
    }

    /// <summary>Current staff holding the step's role where it counts: roles, not names.</summary>
    private async Task<List<StaffMember>> HoldersAsync(Guid orgId, ApprovalStep step, CancellationToken ct)
    {
        var org = await OrganisationAsync(orgId, ct);
        var (role, at) = step switch
        {
            // For a trust's own account, its executive leadership stands where a headteacher would.
            ApprovalStep.Headteacher => org.Kind == OrganisationKind.Trust ? (Role.TrustExecutiveLeadership, org.Id) : (Role.Headteacher, org.Id),
            _ => (Role.HeadOfCommunications, org.TrustId ?? org.Id),
        };
        var today = UkTime.Today(clock);
        return await db.RoleAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.OrganisationId == at && r.Role == role && (r.StaffMember!.LeavingDate == null || r.StaffMember.LeavingDate > today))
            .Select(r => r.StaffMember!).ToListAsync(ct);
    }

    /// <summary>The sign-ins behind staff records: one person may hold a record at the school and another at the trust.</summary>
    private async Task<List<Guid?>> UsersOfAsync(IEnumerable<Guid> staffIds, CancellationToken ct)
    {
        var ids = staffIds.ToList();
        return ids.Count == 0 ? [] : await db.StaffMembers.IgnoreQueryFilters().Where(s => ids.Contains(s.Id) && s.UserId != null).Select(s => s.UserId).ToListAsync(ct);
    }

    private Task<Org> OrganisationAsync(Guid orgId, CancellationToken ct) =>
        db.Organisations.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == orgId, ct);
}
