using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;
using SafeSocial.Core.Takedowns;

namespace SafeSocial.Core.Organisation;

/// <summary>
/// The part of "Needs your attention" that is about the person, not only their roles: account and admin requests waiting
/// for their approval, role permissions waiting for them as the second person, takedowns they own (and, where they manage takedowns, those overdue), their own official account
/// training while they run an account, and the consent gaps of the classes they teach.
/// </summary>
public sealed class PersonalAttention(SafeSocialDb db, TimeProvider clock, AccountApprovals approvals, AdminApprovals adminApprovals,
    RolePermissionService rolePermissions, ConsentRoster roster, ConsentPolicyService policies)
{
    /// <param name="m">The membership whose home page this is.</param>
    /// <param name="takedownSchoolIds">The schools here whose takedowns the person may manage.</param>
    /// <param name="roleOrgIds">The organisations where the person may give roles.</param>
    public async Task<IReadOnlyList<AttentionItem>> ForAsync(Membership m, Guid userId, IReadOnlyCollection<Guid> takedownSchoolIds,
        IReadOnlyCollection<Guid> roleOrgIds, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var orgIds = await AttentionService.CoveredAsync(db, m, ct);
        // Their own staff records (a trust's person has theirs at the trust), current ones only.
        var me = await db.StaffMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.UserId == userId && (s.LeavingDate == null || s.LeavingDate > today)).Select(s => new { s.Id, s.OrganisationId }).ToListAsync(ct);
        if (me.Count == 0) return [];
        var staffIds = me.Select(s => s.Id).ToList();
        var names = orgIds.Count > 1
            ? await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct)
            : [];
        string At(Guid orgId) => names.TryGetValue(orgId, out var name) ? $" ({name})" : "";

        var items = new List<AttentionItem>();
        items.AddRange(await ApprovalsAsync(userId, staffIds, orgIds, At, ct));
        items.AddRange(await AdminRequestsAsync(userId, orgIds, At, ct));
        items.AddRange(await RolePermissionsAsync(userId, orgIds.Intersect(roleOrgIds).ToList(), At, ct));
        items.AddRange(await TakedownsAsync(staffIds, orgIds, takedownSchoolIds, today, At, ct));
        items.AddRange(await TrainingAsync(m, me.Select(s => (s.Id, s.OrganisationId)).ToList(), orgIds, today, ct));
        items.AddRange(await ClassesAsync(staffIds, orgIds, today, At, ct));
        return items;
    }

    /// <summary>Requests whose waiting step needs a role the person holds where it counts; never their own request, nor one they approved a step of.</summary>
    private async Task<List<AttentionItem>> ApprovalsAsync(Guid userId, List<Guid> staffIds, IReadOnlyList<Guid> orgIds, Func<Guid, string> at, CancellationToken ct)
    {
        var requests = await db.OfficialAccounts.AsNoTracking().Include(a => a.Approvals)
            .Where(a => orgIds.Contains(a.OrganisationId) && a.Status == AccountStatus.Requested && a.RequestedByUserId != userId)
            .OrderBy(a => a.RequestedAt).ToListAsync(ct);
        var items = new List<AttentionItem>();
        foreach (var a in requests.Where(a => a.Approvals.All(x => !staffIds.Contains(x.DecidedByStaffMemberId))))
        {
            if ((await approvals.StateAsync(a, ct)).Waiting is not { } step || (await approvals.CheckAsync(a, step, userId, ct)).Approver is null) continue;
            items.Add(new AttentionItem("Waiting for you", "govuk-tag--blue",
                $"Approve or refuse the request for the {a.PlatformName} account \"{a.Handle}\", asked for by {a.RequestedBy}{at(a.OrganisationId)}",
                $"/o/{a.OrganisationId}/accounts/{a.Id}"));
        }
        return items;
    }

    /// <summary>Requests to add an admin to an account whose waiting step the person may decide, by the same check as the request's page.</summary>
    private async Task<List<AttentionItem>> AdminRequestsAsync(Guid userId, IReadOnlyList<Guid> orgIds, Func<Guid, string> at, CancellationToken ct)
    {
        var requests = await db.AdminRequests.AsNoTracking().Include(r => r.Approvals).Include(r => r.StaffMember)
            .Where(r => orgIds.Contains(r.OrganisationId) && r.Status == AdminRequestStatus.Waiting && r.RequestedByUserId != userId)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var accountIds = requests.Select(r => r.OfficialAccountId).Distinct().ToList();
        var accounts = await db.OfficialAccounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var items = new List<AttentionItem>();
        foreach (var r in requests)
        {
            if ((await adminApprovals.StateAsync(r, ct)).Waiting is not { } step || (await adminApprovals.CheckAsync(r, step, userId, ct)).Approver is null) continue;
            var a = accounts[r.OfficialAccountId];
            items.Add(new AttentionItem("Waiting for you", "govuk-tag--blue",
                $"Approve or refuse {r.StaffMember!.FullName} as an admin of the {a.PlatformName} account \"{a.Handle}\", asked for by {r.RequestedBy}{at(r.OrganisationId)}",
                $"/o/{r.OrganisationId}/accounts/{r.OfficialAccountId}/admins/requests/{r.Id}"));
        }
        return items;
    }

    /// <summary>Sensitive permissions asked for a role, where the person gives roles and may be the second person to confirm them.</summary>
    private async Task<List<AttentionItem>> RolePermissionsAsync(Guid userId, List<Guid> orgIds, Func<Guid, string> at, CancellationToken ct)
    {
        // One query for every organisation: a trust leader's home page covers all its schools, and usually nothing waits.
        var waiting = await db.RolePermissionRequests.AsNoTracking().Where(r => orgIds.Contains(r.OrganisationId) && r.State == RequestState.Waiting)
            .OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var items = new List<AttentionItem>();
        foreach (var r in waiting)
        {
            if (await rolePermissions.ConfirmProblemAsync(r, userId, ct) is not null) continue;
            items.Add(new AttentionItem("Waiting for you", "govuk-tag--blue",
                $"Confirm or refuse \"{r.Permission.Title()}\" for {r.Role.Title().ToLowerInvariant()}, asked for by {r.RequestedByName}{at(r.OrganisationId)}",
                $"/o/{r.OrganisationId}/roles"));
        }
        return items;
    }

    /// <summary>Each open takedown the person owns; and where they manage takedowns, how many others are overdue.</summary>
    private async Task<List<AttentionItem>> TakedownsAsync(List<Guid> staffIds, IReadOnlyList<Guid> orgIds, IReadOnlyCollection<Guid> manageable,
        DateOnly today, Func<Guid, string> at, CancellationToken ct)
    {
        var open = db.TakedownTasks.AsNoTracking().Where(t => orgIds.Contains(t.OrganisationId) && t.Status == TakedownStatus.Open);
        var owned = await open.Where(t => t.OwnerStaffMemberId != null && staffIds.Contains(t.OwnerStaffMemberId.Value))
            .OrderBy(t => t.DueOn).Select(t => new { t.Id, t.OrganisationId, t.WhatToTakeDown, t.DueOn }).ToListAsync(ct);
        var items = owned.Select(t => new AttentionItem(t.DueOn < today ? "Overdue" : "Yours", t.DueOn < today ? "govuk-tag--red" : "govuk-tag--blue",
            $"{t.WhatToTakeDown}: due on {UkTime.Format(t.DueOn)}{at(t.OrganisationId)}", $"/o/{t.OrganisationId}/takedowns/{t.Id}")).ToList();
        if (manageable.Count == 0) return items;
        var others = await open.Where(t => manageable.Contains(t.OrganisationId) && t.DueOn < today
                && (t.OwnerStaffMemberId == null || !staffIds.Contains(t.OwnerStaffMemberId.Value)))
            .GroupBy(t => t.OrganisationId).Select(g => new { OrganisationId = g.Key, Count = g.Count() }).ToListAsync(ct);
        items.AddRange(others.Select(o => new AttentionItem("Overdue", "govuk-tag--red",
            (o.Count == 1 ? "1 takedown is overdue" : $"{o.Count} takedowns are overdue") + at(o.OrganisationId), $"/o/{o.OrganisationId}/takedowns")));
        return items;
    }

    /// <summary>The person's own official account training, while they are an admin of an account here: expiring within 30 days, or not current.</summary>
    private async Task<List<AttentionItem>> TrainingAsync(Membership m, List<(Guid Id, Guid OrganisationId)> me, IReadOnlyList<Guid> orgIds, DateOnly today, CancellationToken ct)
    {
        var staffIds = me.Select(s => s.Id).ToList();
        var running = await db.AccountAdmins.AsNoTracking().Where(x => staffIds.Contains(x.StaffMemberId) && orgIds.Contains(x.OrganisationId))
            .Join(db.OfficialAccounts.Where(a => a.Status != AccountStatus.Closed), x => x.OfficialAccountId, a => a.Id, (x, a) => new { x.StaffMemberId, a.Handle })
            .ToListAsync(ct);
        if (running.Count == 0) return [];
        var training = await db.TrainingRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(t => staffIds.Contains(t.StaffMemberId) && t.Type == TrainingRecord.OfficialAccountTraining && t.CompletedOn <= today)
            .Select(t => new { t.StaffMemberId, t.ExpiresOn }).ToListAsync(ct);
        var items = new List<AttentionItem>();
        foreach (var staff in running.GroupBy(r => r.StaffMemberId))
        {
            var handles = string.Join(", ", staff.Select(r => r.Handle).Distinct().Order(StringComparer.CurrentCulture));
            var own = me.Single(s => s.Id == staff.Key);
            // Their training page, when they may open it here.
            var href = orgIds.Contains(own.OrganisationId) && m.Permissions.Contains(Permission.ViewPeople) ? $"/o/{own.OrganisationId}/staff/{own.Id}/training" : null;
            var mine = training.Where(t => t.StaffMemberId == staff.Key).ToList();
            DateOnly? until = mine.Where(t => t.ExpiresOn is null || t.ExpiresOn >= today).Select(t => (DateOnly?)(t.ExpiresOn ?? DateOnly.MaxValue)).Max();
            if (until is null)
            {
                var lapsed = mine.Select(t => t.ExpiresOn).Max();
                items.Add(new AttentionItem("Overdue", "govuk-tag--red", lapsed is { } on
                    ? $"Your official account training expired on {UkTime.Format(on)}: renew it, as you run {handles}"
                    : $"You have no official account training recorded, and you run {handles}", href));
            }
            else if (until <= today.AddDays(AccountReminders.AheadDays))
                items.Add(new AttentionItem("Due soon", "govuk-tag--yellow",
                    $"Your official account training expires on {UkTime.Format(until.Value)}: renew it, as you run {handles}", href));
        }
        return items;
    }

    /// <summary>For each class the person teaches: pupils who may not appear at all, and pupils with no answer for a purpose.</summary>
    private async Task<List<AttentionItem>> ClassesAsync(List<Guid> staffIds, IReadOnlyList<Guid> orgIds, DateOnly today, Func<Guid, string> at, CancellationToken ct)
    {
        var classes = await db.ClassTeachers.AsNoTracking()
            .Where(t => staffIds.Contains(t.StaffMemberId) && orgIds.Contains(t.OrganisationId))
            .Select(t => new { t.OrganisationId, t.SchoolClassId, t.SchoolClass!.Name }).Distinct().ToListAsync(ct);
        var items = new List<AttentionItem>();
        foreach (var c in classes.OrderBy(c => c.Name, StringComparer.CurrentCulture))
        {
            var policy = await policies.ForAsync(c.OrganisationId, ct);
            var rows = await roster.OnRollAsync(c.OrganisationId, c.SchoolClassId, policy, today, ct);
            var none = rows.Count(r => ConsentRoster.Level(r, policy) == ConsentLevel.NoConsent);
            var unanswered = rows.Count(r => policy.Purposes.Any(p => r.ReasonFor(p.Key) == ConsentReason.NoAnswer));
            if (none == 0 && unanswered == 0) continue;
            var parts = new List<string>();
            if (none > 0) parts.Add(none == 1 ? "1 pupil may not appear in any photo or video" : $"{none} pupils may not appear in any photo or video");
            if (unanswered > 0) parts.Add(unanswered == 1 ? "1 pupil's family has not answered every question" : $"{unanswered} pupils' families have not answered every question");
            items.Add(new AttentionItem("Check", "govuk-tag--yellow", $"{c.Name}: {string.Join("; ", parts)}{at(c.OrganisationId)}",
                $"/o/{c.OrganisationId}/consent/classes/{c.SchoolClassId}"));
        }
        return items;
    }
}
