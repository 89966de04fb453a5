using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Accounts;

/// <summary>
/// Ends the sign-ins of pupils on official accounts once they have left the school: when a roster import records
/// the leaving (in its transaction) and, for a leaving date set ahead, on the day through the daily account check.
/// Each removal is audited with the leaving date.
/// </summary>
/// A trust's account may have pupils of its schools, so the rows are read past the organisation filter.
public sealed class ContributorEnding(SafeSocialDb db)
{
    /// <summary>
    /// Removes the contributor rows of pupils whose leaving date is on or before <paramref name="on"/>, among
    /// <paramref name="pupilIds"/> when given (leavings just recorded), otherwise everyone. Returns how many ended.
    /// </summary>
    public async Task<int> EndForLeaversAsync(DateOnly on, IReadOnlyCollection<Guid>? pupilIds = null, CancellationToken ct = default)
    {
        var query = db.PupilContributors.IgnoreQueryFilters().Include(c => c.Pupil)
            .Where(c => c.Pupil!.LeavingDate != null && c.Pupil.LeavingDate <= on);
        if (pupilIds is not null) query = query.Where(c => pupilIds.Contains(c.PupilId));
        var rows = await query.ToListAsync(ct);
        var previous = db.Audit.Reason;
        try
        {
            foreach (var left in rows.GroupBy(r => r.Pupil!.LeavingDate!.Value).OrderBy(g => g.Key))
            {
                db.PupilContributors.RemoveRange(left);
                db.Audit.Reason = $"Left the school on {UkTime.Format(left.Key)}: their sign-in on the official account ended (remove it on the platform too)";
                await db.SaveChangesAsync(ct);
            }
        }
        finally { db.Audit.Reason = previous; }
        return rows.Count;
    }
}
