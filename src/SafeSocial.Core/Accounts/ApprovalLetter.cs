using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts;

/// <summary>Why a person is written to: a step waits for them, or what they asked for was decided.</summary>
public enum ApprovalLetterKind { StepWaiting, Approved, Refused }

/// <summary>
/// One email about an approval, worked out once the change is saved: to each approver a step reaches, and to the
/// person who asked once it is decided. <see cref="AdminName"/> is set when the approval is of a new admin.
/// </summary>
public sealed record ApprovalLetter(ApprovalLetterKind Kind, string To, string Name, Guid OrganisationId, Guid AccountId,
    string Account, ApprovalStep? Step, string? AdminName, string DecidedBy, string? Reason, string Path);

/// <summary>What deciding a step came to: the outcome, the step now waiting (null once decided) and the emails to send.</summary>
public sealed record ApprovalResult(Outcome Outcome, ApprovalStep? NowWaiting, IReadOnlyList<ApprovalLetter> Letters)
{
    public static ApprovalResult Of(Outcome outcome) => new(outcome, null, []);

}
