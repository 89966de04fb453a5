using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Accounts;

/// <summary>One email to send: a person who manages accounts and every account reminder for them not yet sent today.</summary>
public sealed record AccountReminder(string Email, string Name, IReadOnlyList<AccountReminderItem> Items);

/// <summary>
/// Picks the account reminders not sent today (per account and kind) and the people holding "manage accounts" where
/// each account is, and records the sending, so a second run the same day sends nothing. The caller sends the emails.
/// </summary>
public sealed class AccountReminderEmails(SafeSocialDb db, PolicySettingsService settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<AccountReminder>> DueAsync(DateOnly on, CancellationToken ct = default)
    {
        var orgIds = await db.OfficialAccounts.Where(a => a.Status != AccountStatus.Requested && a.Status != AccountStatus.Closed)
            .Select(a => a.OrganisationId).Distinct().ToListAsync(ct);
        var items = await new AccountReminders(db, settings, clock).ForAsync(orgIds, on, ct);
        if (items.Count == 0) return [];

        var accountIds = items.Select(i => i.AccountId).Distinct().ToList();
        var sent = await db.AccountRemindersSent.Where(r => accountIds.Contains(r.OfficialAccountId)).ToListAsync(ct);
        var startOfDay = UkTime.StartOfDay(on);
        var due = items.Where(i => sent.FirstOrDefault(r => r.OfficialAccountId == i.AccountId && r.Kind == i.Kind) is not { } r || r.RemindedAt < startOfDay).ToList();
        if (due.Count == 0) return [];

        var now = clock.GetUtcNow();
        var byRecipient = new Dictionary<Guid, (StaffMember Person, List<AccountReminderItem> Items)>();
        foreach (var org in due.GroupBy(i => i.OrganisationId))
        {
            var people = await ManagersAsync(org.Key, on, ct);
            // Nobody to tell: not recorded, so it goes out once someone can act on it.
            if (people.Count == 0) continue;
            foreach (var item in org)
            {
                var record = sent.FirstOrDefault(r => r.OfficialAccountId == item.AccountId && r.Kind == item.Kind);
                if (record is null)
                    db.AccountRemindersSent.Add(record = new AccountReminderSent { Id = Guid.NewGuid(), OrganisationId = item.OrganisationId, OfficialAccountId = item.AccountId, Kind = item.Kind });
                record.RemindedAt = now;
                foreach (var person in people)
                {
                    if (!byRecipient.TryGetValue(person.Id, out var entry)) byRecipient[person.Id] = entry = (person, []);
                    entry.Items.Add(item);
                }
            }
        }
        var previous = db.Audit.Reason;
        db.Audit.Reason = "Official account reminders emailed to the people who manage accounts";
        try { await db.SaveChangesAsync(ct); }
        finally { db.Audit.Reason = previous; }
        return byRecipient.Values.Select(r => new AccountReminder(r.Person.Email!, r.Person.FullName, r.Items)).ToList();
    }

    /// <summary>Current staff with an email who may manage accounts at the organisation, through a role there or at its trust.</summary>
    public async Task<List<StaffMember>> ManagersAsync(Guid orgId, DateOnly on, CancellationToken ct = default)
    {
        var org = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == orgId).Select(o => new { o.Id, o.TrustId }).SingleAsync(ct);
        Guid[] where = org.TrustId is { } t ? [org.Id, t] : [org.Id];
        var held = await db.RoleAssignments.IgnoreQueryFilters().AsNoTracking().Include(r => r.StaffMember)
            .Where(r => where.Contains(r.OrganisationId) && r.StaffMember!.Email != null && r.StaffMember.Email != ""
                        && (r.StaffMember.LeavingDate == null || r.StaffMember.LeavingDate > on))
            .ToListAsync(ct);
        var permissionSettings = await db.RolePermissionSettings.IgnoreQueryFilters().AsNoTracking().Where(s => where.Contains(s.OrganisationId)).ToListAsync(ct);
        return held.Where(r => AccessService.Effective(r.Role, org.Id, org.TrustId, permissionSettings).Contains(Permission.ManageAccounts))
            .Select(r => r.StaffMember!).DistinctBy(s => s.Id).OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToList();
    }
}
