using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts;

/// <summary>
/// Ends an admin's access to official accounts: removed by hand with a reason, on leaving (the day the leaving date
/// arrives), or on losing every role. The admin rows go and each account is flagged for a password change, audited
/// with why, in the caller's transaction when there is one.
/// </summary>
/// A trust's staff member may run a school's account, so the rows are read past the organisation filter: the
/// consequence of someone leaving reaches every account they ran.
public sealed class AdminAccessEnding(SafeSocialDb db, TimeProvider clock)
{
    /// <summary>Removes one admin from an account, with the reason the person gave. Audited.</summary>
    public async Task<Outcome> RemoveAsync(Guid orgId, Guid accountId, Guid staffMemberId, string? reason, CancellationToken ct = default)
    {
        var row = await db.AccountAdmins.Include(a => a.StaffMember)
            .Where(a => a.OrganisationId == orgId && a.OfficialAccountId == accountId && a.StaffMemberId == staffMemberId)
            .SingleOrDefaultAsync(ct);
        if (row is null) return Outcome.NotFound;
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Outcome.Refused("Reason", $"Enter why {row.StaffMember!.FullName} is no longer an admin");
        if (reason.Length > 500) return Outcome.Refused("Reason", "The reason must be 500 characters or fewer");
        await EndAsync([row], $"Removed as an admin: {reason}", ct);
        return Outcome.Done;
    }

    /// <summary>
    /// Ends the access of admins whose leaving date is on or before <paramref name="on"/>, among <paramref name="staffIds"/>
    /// when given (a leaving just recorded), otherwise everyone (the daily check). Returns how many admin places ended.
    /// </summary>
    public async Task<int> EndForLeaversAsync(DateOnly on, IReadOnlyCollection<Guid>? staffIds = null, CancellationToken ct = default)
    {
        var query = db.AccountAdmins.IgnoreQueryFilters().Include(a => a.StaffMember)
            .Where(a => a.StaffMember!.LeavingDate != null && a.StaffMember.LeavingDate <= on);
        if (staffIds is not null) query = query.Where(a => staffIds.Contains(a.StaffMemberId));
        var rows = await query.ToListAsync(ct);
        var ended = 0;
        foreach (var left in rows.GroupBy(r => r.StaffMember!.LeavingDate!.Value).OrderBy(g => g.Key))
            ended += await EndAsync(left.ToList(), $"Left on {UkTime.Format(left.Key)}", ct);
        return ended;
    }

    /// <summary>Ends the staff member's admin access when they no longer hold any role at their school or trust.</summary>
    public async Task<int> EndForRolelessAsync(Guid staffMemberId, CancellationToken ct = default)
    {
        if (await db.RoleAssignments.IgnoreQueryFilters().AnyAsync(r => r.StaffMemberId == staffMemberId, ct)) return 0;
        var rows = await db.AccountAdmins.IgnoreQueryFilters().Include(a => a.StaffMember)
            .Where(a => a.StaffMemberId == staffMemberId).ToListAsync(ct);
        return await EndAsync(rows, "No longer holds a role at the school or trust", ct);
    }

    private async Task<int> EndAsync(List<AccountAdmin> rows, string reason, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var accountIds = rows.Select(r => r.OfficialAccountId).Distinct().ToList();
        var accounts = await db.OfficialAccounts.IgnoreQueryFilters().Where(a => accountIds.Contains(a.Id)).ToListAsync(ct);
        var changed = await db.AccountCredentials.IgnoreQueryFilters().Where(c => accountIds.Contains(c.OfficialAccountId))
            .ToDictionaryAsync(c => c.OfficialAccountId, c => c.ChangedAt, ct);
        var now = clock.GetUtcNow();
        foreach (var account in accounts)
        {
            var names = string.Join(", ", rows.Where(r => r.OfficialAccountId == account.Id).Select(r => r.StaffMember!.FullName));
            PasswordChange.Raise(account, now, $"{names}: {reason}", changed.TryGetValue(account.Id, out var at) ? at : null);
        }
        db.AccountAdmins.RemoveRange(rows);
        var previous = db.Audit.Reason;
        db.Audit.Reason = $"{reason}: access to the official account ended, and its password must change";
        try { await db.SaveChangesAsync(ct); }
        finally { db.Audit.Reason = previous; }
        return rows.Count;
    }
}
