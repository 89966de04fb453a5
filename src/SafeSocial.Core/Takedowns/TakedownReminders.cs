using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Takedowns;

public sealed record TakedownReminderItem(Guid OrganisationId, string SchoolName, Guid TaskId, string WhatToTakeDown, DateOnly DueOn);

/// <summary>One email to send: a person and every overdue task of theirs not yet reminded about today.</summary>
public sealed record TakedownReminder(string Email, string Name, IReadOnlyList<TakedownReminderItem> Tasks);

/// <summary>
/// Picks the overdue open tasks not reminded about today and records the reminder on each, so a second run the same
/// day sends nothing. The caller sends the emails (Core knows no mail): a failed send is not retried until tomorrow.
/// </summary>
internal sealed class TakedownReminders(SafeSocialDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TakedownReminder>> DueAsync(DateOnly on, CancellationToken ct)
    {
        var startOfDay = UkTime.StartOfDay(on);
        var tasks = await db.TakedownTasks
            .Where(t => t.Status == TakedownStatus.Open && t.DueOn < on && (t.LastRemindedAt == null || t.LastRemindedAt < startOfDay))
            .OrderBy(t => t.DueOn).ThenBy(t => t.OpenedAt).ToListAsync(ct);
        if (tasks.Count == 0) return [];

        var ownerIds = tasks.Select(t => t.OwnerStaffMemberId).OfType<Guid>().Distinct().ToList();
        var staff = await db.StaffMembers.AsNoTracking().Where(s => ownerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var schoolIds = tasks.Select(t => t.OrganisationId).Distinct().ToList();
        var schools = await db.Organisations.AsNoTracking().Where(o => schoolIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var standIns = new Dictionary<Guid, StaffMember?>();

        var now = clock.GetUtcNow();
        var byRecipient = new Dictionary<Guid, (StaffMember Person, List<TakedownReminderItem> Items)>();
        foreach (var task in tasks)
        {
            // An owner who has left or has no email cannot act on it: the school's default owner hears instead.
            var recipient = task.OwnerStaffMemberId is { } id && staff.TryGetValue(id, out var owner) && Reachable(owner, on)
                ? owner
                : await StandInAsync(task.OrganisationId, on, standIns, ct);
            if (recipient is null) continue;
            task.LastRemindedAt = now;
            if (!byRecipient.TryGetValue(recipient.Id, out var entry)) byRecipient[recipient.Id] = entry = (recipient, []);
            entry.Items.Add(new TakedownReminderItem(task.OrganisationId, schools[task.OrganisationId], task.Id, task.WhatToTakeDown, task.DueOn));
        }
        var previous = db.Audit.Reason;
        db.Audit.Reason = "Overdue: its owner is reminded by email";
        try { await db.SaveChangesAsync(ct); }
        finally { db.Audit.Reason = previous; }
        return byRecipient.Values.Select(r => new TakedownReminder(r.Person.Email!, r.Person.FullName, r.Items)).ToList();
    }

    private static bool Reachable(StaffMember s, DateOnly on) => !string.IsNullOrWhiteSpace(s.Email) && !s.HasLeft(on);

    private async Task<StaffMember?> StandInAsync(Guid schoolId, DateOnly on, Dictionary<Guid, StaffMember?> known, CancellationToken ct)
    {
        if (known.TryGetValue(schoolId, out var found)) return found;
        var id = await new TakedownOwners(db, clock).DefaultOwnerAsync(schoolId, ct);
        var person = id is null ? null : await db.StaffMembers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        return known[schoolId] = person is not null && Reachable(person, on) ? person : null;
    }
}
