using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts;

/// <summary>What a risk assessment review records.</summary>
public sealed record RiskReview(string? AssessedBy, DateOnly? AssessedOn, DateOnly? NextReviewOn);

/// <summary>
/// An account's life after approval: set up and in use (active), suspended and resumed, closed; and its risk
/// assessment reviewed. Suspending and closing need a reason; every change is audited.
/// </summary>
public sealed class AccountLifecycle(SafeSocialDb db, TimeProvider clock)
{
    /// <summary>The statuses an account may move to from where it stands.</summary>
    public static IReadOnlyList<AccountStatus> NextFrom(AccountStatus from) => from switch
    {
        AccountStatus.Requested => [],
        AccountStatus.Approved => [AccountStatus.Active, AccountStatus.Closed],
        AccountStatus.Active => [AccountStatus.Suspended, AccountStatus.Closed],
        AccountStatus.Suspended => [AccountStatus.Active, AccountStatus.Closed],
        _ => [],
    };

    public static bool NeedsReason(AccountStatus to) => to is AccountStatus.Suspended or AccountStatus.Closed;

    /// <summary>The action's words: "Mark as active", "Suspend", "Close".</summary>
    public static string ActionText(AccountStatus from, AccountStatus to) => to switch
    {
        AccountStatus.Active => from == AccountStatus.Suspended ? "Resume the account" : "Mark as set up and in use",
        AccountStatus.Suspended => "Suspend the account",
        _ => "Close the account",
    };

    public async Task<Outcome> ChangeStatusAsync(Guid orgId, Guid accountId, AccountStatus? to, string? reason, CancellationToken ct = default)
    {
        var account = await db.OfficialAccounts.Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);
        if (account is null) return Outcome.NotFound;
        if (to is not { } status) return Outcome.Refused("To", "Select what to change the account to");
        if (!NextFrom(account.Status).Contains(status))
            return Outcome.Refused("To", account.Status switch
            {
                AccountStatus.Requested => "This account is still waiting for approval: it can be set up only once every approval is given",
                AccountStatus.Closed => "This account is closed: a closed account cannot be opened again. Request a new one instead",
                _ => $"An account that is {Platforms.StatusText(account.Status).ToLowerInvariant()} cannot be made {Platforms.StatusText(status).ToLowerInvariant()}",
            });
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (NeedsReason(status) && reason is null)
            return Outcome.Refused("Reason", status == AccountStatus.Closed ? "Enter why the account is being closed" : "Enter why the account is being suspended");
        if (reason is { Length: > 2000 }) return Outcome.Refused("Reason", "The reason must be 2000 characters or fewer");

        account.Status = status;
        if (status == AccountStatus.Closed) account.ClosedReason = reason;
        db.Audit.Reason = reason;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Records a new review of the risk assessment: who reviewed it, when, and when it is next due. Audited.</summary>
    public async Task<Outcome> RecordReviewAsync(Guid orgId, Guid accountId, RiskReview review, CancellationToken ct = default)
    {
        var account = await db.OfficialAccounts.Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);
        if (account is null) return Outcome.NotFound;
        var problems = Check(review, UkTime.Today(clock));
        if (problems.Count > 0) return Outcome.Refused(problems);
        account.AssessedBy = review.AssessedBy!.Trim();
        account.AssessedOn = review.AssessedOn!.Value;
        account.NextReviewOn = review.NextReviewOn!.Value;
        db.Audit.Reason = "Risk assessment reviewed";
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public static List<Problem> Check(RiskReview r, DateOnly today)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(r.AssessedBy)) problems.Add(new(nameof(r.AssessedBy), "Enter who reviewed the risk assessment"));
        else if (r.AssessedBy.Trim().Length > 200) problems.Add(new(nameof(r.AssessedBy), "Who reviewed it must be 200 characters or fewer"));
        if (r.AssessedOn is not { } on) problems.Add(new(nameof(r.AssessedOn), "Enter the date of the review"));
        else if (on > today) problems.Add(new(nameof(r.AssessedOn), "The date of the review must be today or in the past"));
        if (r.NextReviewOn is not { } next) problems.Add(new(nameof(r.NextReviewOn), "Enter the date of the next review"));
        else if (r.AssessedOn is { } done && next <= done) problems.Add(new(nameof(r.NextReviewOn), "The next review must be after the date of this review"));
        else if (next <= today) problems.Add(new(nameof(r.NextReviewOn), "The next review must be in the future"));
        else if (next > today.AddYears(3)) problems.Add(new(nameof(r.NextReviewOn), "The next review must be within 3 years"));
        return problems;
    }
}
