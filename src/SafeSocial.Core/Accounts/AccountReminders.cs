using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Accounts;

/// <summary>One thing to do about one official account.</summary>
public sealed record AccountReminderItem(Guid OrganisationId, string OrganisationName, Guid AccountId, string Handle,
    AccountReminderKind Kind, string Text, bool Urgent)
{
    /// <summary>Where to act on it: the password page when the password must change, otherwise the account.</summary>
    public string Path => Kind is AccountReminderKind.PasswordChangeNeeded or AccountReminderKind.PasswordOld
        ? $"/o/{OrganisationId}/accounts/{AccountId}/password"
        : $"/o/{OrganisationId}/accounts/{AccountId}";

    /// <summary>The tag shown beside it: a new account still within its grace period "needs an admin", not yet overdue.</summary>
    public string Tag => Urgent ? "Overdue" : Kind == AccountReminderKind.NoTrainedAdmin ? "Needs an admin" : "Due soon";

    public string TagClass => Urgent ? "govuk-tag--red" : "govuk-tag--yellow";
}

/// <summary>
/// What the people who manage official accounts are reminded of: accounts without an active trained admin, admins'
/// training about to expire, passwords to change (an admin's access ended, older than the policy allows, or none
/// stored), and risk assessments due for review. Shown on the dashboard and sent by the daily email.
/// </summary>
public sealed class AccountReminders(SafeSocialDb db, PolicySettingsService settings, TimeProvider clock)
{
    /// <summary>Training that expires, or a review that is due, within this many days is mentioned ahead.</summary>
    public const int AheadDays = 30;

    /// <summary>The dashboard's items for a membership: the password prompt for custodians, the rest for those who manage accounts.</summary>
    public async Task<IReadOnlyList<AttentionItem>> AttentionAsync(Membership m, IReadOnlyCollection<Guid> orgIds, CancellationToken ct = default)
    {
        var manages = m.Permissions.Contains(Permission.ManageAccounts);
        if (!manages && !m.Permissions.Contains(Permission.RevealCredentials)) return [];
        var items = await ForAsync(orgIds, UkTime.Today(clock), ct);
        return items.Where(i => manages || i.Kind == AccountReminderKind.PasswordChangeNeeded)
            .Select(i => new AttentionItem(i.Tag, i.TagClass,
                i.Text + (orgIds.Count > 1 ? $" ({i.OrganisationName})" : ""), i.Path))
            .ToList();
    }

    /// <summary>The accounts of these organisations whose password must change because an admin's access ended.</summary>
    public async Task<IReadOnlySet<Guid>> PasswordChangeDueAsync(IReadOnlyCollection<Guid> orgIds, CancellationToken ct = default)
    {
        var flagged = await db.OfficialAccounts.AsNoTracking()
            .Where(a => orgIds.Contains(a.OrganisationId) && a.PasswordChangeDueSince != null && a.Status != AccountStatus.Closed)
            .Select(a => new { a.Id, a.PasswordChangeDueSince, ChangedAt = db.AccountCredentials.Where(c => c.OfficialAccountId == a.Id).Select(c => (DateTimeOffset?)c.ChangedAt).FirstOrDefault() })
            .ToListAsync(ct);
        return flagged.Where(f => PasswordChange.IsDue(f.PasswordChangeDueSince, f.ChangedAt)).Select(f => f.Id).ToHashSet();
    }

    /// <summary>Every reminder for the accounts of these organisations on the day.</summary>
    public async Task<List<AccountReminderItem>> ForAsync(IReadOnlyCollection<Guid> orgIds, DateOnly on, CancellationToken ct = default)
    {
        var accounts = await db.OfficialAccounts.AsNoTracking()
            .Where(a => orgIds.Contains(a.OrganisationId) && a.Status != AccountStatus.Requested && a.Status != AccountStatus.Closed)
            .OrderBy(a => a.Handle).ToListAsync(ct);
        if (accounts.Count == 0) return [];
        var accountIds = accounts.Select(a => a.Id).ToList();
        var names = await db.Organisations.IgnoreQueryFilters().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        // A trust's staff member may run a school's account: their record and training live with the trust.
        var admins = await db.AccountAdmins.IgnoreQueryFilters().AsNoTracking().Where(a => accountIds.Contains(a.OfficialAccountId))
            .Select(a => new Admin(a.OfficialAccountId, a.StaffMemberId, a.StaffMember!.FirstName + " " + a.StaffMember.LastName, a.StaffMember.LeavingDate))
            .ToListAsync(ct);
        var staffIds = admins.Select(a => a.StaffMemberId).Distinct().ToList();
        var training = await db.TrainingRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(t => staffIds.Contains(t.StaffMemberId) && t.Type == TrainingRecord.OfficialAccountTraining && t.CompletedOn <= on)
            .Select(t => new { t.StaffMemberId, t.ExpiresOn }).ToListAsync(ct);
        var changed = await db.AccountCredentials.AsNoTracking().Where(c => accountIds.Contains(c.OfficialAccountId))
            .ToDictionaryAsync(c => c.OfficialAccountId, c => c.ChangedAt, ct);
        // When each account got its last approval: a new account has the policy's grace period to find a trained admin.
        var approvedAt = await db.AccountApprovals.AsNoTracking().Where(x => accountIds.Contains(x.OfficialAccountId) && x.Decision == ApprovalDecision.Approve)
            .GroupBy(x => x.OfficialAccountId).Select(g => new { g.Key, At = g.Max(x => x.DecidedAt) }).ToDictionaryAsync(x => x.Key, x => x.At, ct);
        var policy = await settings.EffectiveForManyAsync(accounts.Select(a => a.OrganisationId).Distinct().ToList(), ct);

        // The latest expiry of current training (DateOnly.MaxValue: it does not expire); null when none is current.
        DateOnly? TrainedUntil(Guid staffId) => training.Where(t => t.StaffMemberId == staffId && (t.ExpiresOn is null || t.ExpiresOn >= on))
            .Select(t => (DateOnly?)(t.ExpiresOn ?? DateOnly.MaxValue)).Max();

        var items = new List<AccountReminderItem>();
        foreach (var a in accounts)
        {
            void Add(AccountReminderKind kind, string text, bool urgent) =>
                items.Add(new AccountReminderItem(a.OrganisationId, names.GetValueOrDefault(a.OrganisationId, ""), a.Id, a.Handle, kind, $"{a.Handle}: {text}", urgent));
            var changedAt = changed.TryGetValue(a.Id, out var at) ? at : (DateTimeOffset?)null;
            if (PasswordChange.IsDue(a, changedAt))
                Add(AccountReminderKind.PasswordChangeNeeded, $"change the password, because an admin's access ended ({a.PasswordChangeDueReason})", true);

            var running = a.Status is AccountStatus.Approved or AccountStatus.Active;
            var current = admins.Where(x => x.OfficialAccountId == a.Id && (x.LeavingDate is null || x.LeavingDate > on)).ToList();
            var trained = current.Select(x => (x.Name, Until: TrainedUntil(x.StaffMemberId))).Where(x => x.Until is not null).ToList();
            var neverHadAdmin = admins.All(x => x.OfficialAccountId != a.Id);
            // The last day of the grace period: approved on the 1st with 14 days, it needs an admin by the 14th.
            var graceEnds = approvedAt.TryGetValue(a.Id, out var approved)
                ? DateOnly.FromDateTime(UkTime.ToUk(approved).DateTime).AddDays(policy[a.OrganisationId].AccountAdminGraceDays - 1) : (DateOnly?)null;
            if (running && trained.Count == 0 && neverHadAdmin && graceEnds >= on)
                Add(AccountReminderKind.NoTrainedAdmin, $"needs an admin: add a trained admin by {UkTime.Format(graceEnds.Value)}", false);
            else if (running && trained.Count == 0)
                Add(AccountReminderKind.NoTrainedAdmin, neverHadAdmin ? "no admin runs this account: add a trained admin"
                    : current.Count == 0 ? "every admin has left: add a trained admin"
                    : "no admin has current official account training: record their training or add a trained admin", true);
            var expiring = trained.Where(x => x.Until <= on.AddDays(AheadDays)).ToList();
            if (running && expiring.Count > 0)
                Add(AccountReminderKind.TrainingExpiring, string.Join("; ", expiring.Select(x => $"{x.Name}'s official account training expires on {UkTime.Format(x.Until!.Value)}")), false);

            if (a.Status == AccountStatus.Active && changedAt is null)
                Add(AccountReminderKind.NoPasswordStored, "no password stored in the vault", true);
            else if (a.Status == AccountStatus.Active && changedAt is { } last && last.AddDays(policy[a.OrganisationId].AccountPasswordDays) <= clock.GetUtcNow())
                Add(AccountReminderKind.PasswordOld, $"the password was last changed on {UkTime.Format(DateOnly.FromDateTime(UkTime.ToUk(last).DateTime))}; the policy says every {policy[a.OrganisationId].AccountPasswordDays} days", true);

            if (a.NextReviewOn <= on.AddDays(AheadDays))
                Add(AccountReminderKind.ReviewDue, a.NextReviewOn < on
                    ? $"the risk assessment review was due on {UkTime.Format(a.NextReviewOn)}"
                    : $"the risk assessment is due for review on {UkTime.Format(a.NextReviewOn)}", a.NextReviewOn <= on);
        }
        return items;
    }

    private sealed record Admin(Guid OfficialAccountId, Guid StaffMemberId, string Name, DateOnly? LeavingDate);
}
