using SafeSocial.Core.Data;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Accounts;

/// <summary>What one run of the daily account check did, and whom it asks the caller to email.</summary>
public sealed record AccountCareSweepResult(int AccessEnded, IReadOnlyList<AccountReminder> Reminders, int ContributorsEnded = 0);

/// <summary>
/// The daily official account check: ends the access of admins whose leaving date has arrived (a leaving date set
/// ahead takes effect on the day) and the sign-ins of pupils who have left, then picks the reminders to email. Running it again the same day does nothing new.
/// </summary>
public sealed class AccountCareSweep(SafeSocialDb db, PolicySettingsService settings, TimeProvider clock)
{
    public async Task<AccountCareSweepResult> RunAsync(DateOnly on, CancellationToken ct = default)
    {
        var ended = await new AdminAccessEnding(db, clock).EndForLeaversAsync(on, ct: ct);
        var contributors = await new ContributorEnding(db).EndForLeaversAsync(on, ct: ct);
        var reminders = await new AccountReminderEmails(db, settings, clock).DueAsync(on, ct);
        return new AccountCareSweepResult(ended, reminders, contributors);
    }
}
