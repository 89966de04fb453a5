using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Accounts;

/// <summary>The approvers the policy names for a new official account (the "account approvals" setting).</summary>
public enum AccountApprovalRoute
{
    HeadteacherOnly,
    HeadteacherThenHeadOfCommunications,
}

/// <summary>One step of an account's approval: whose word it needs.</summary>
public enum ApprovalStep
{
    Headteacher = 1,
    HeadOfCommunications = 2,
}

public enum ApprovalDecision { Approve, Refuse }

/// <summary>One approver's decision on one step of an account request.</summary>
public class AccountApproval : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid OfficialAccountId { get; set; }
    public ApprovalStep Step { get; set; }
    public ApprovalDecision Decision { get; set; }
    /// <summary>Required when refusing.</summary>
    public string? Reason { get; set; }
    public Guid DecidedByStaffMemberId { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

public static class ApprovalSteps
{
    public static string Title(ApprovalStep s) => s == ApprovalStep.Headteacher ? "Headteacher" : "Head of communications";

    /// <summary>The step waiting once the decided ones are taken out; null when every step has been decided.</summary>
    public static ApprovalStep? Waiting(IReadOnlyList<ApprovalStep> steps, IEnumerable<ApprovalStep> decided) =>
        steps.Cast<ApprovalStep?>().FirstOrDefault(s => !decided.Contains(s!.Value));
}
