using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Consent;

/// <summary>One pupil's answer: may they appear, and if not, why.</summary>
public sealed record ConsentCheckResult(Guid PupilId, ConsentReason Reason)
{
    public bool Allowed => Reason == ConsentReason.None;
}

/// <summary>Answers "may these pupils appear for this purpose on this date?", reading the group's history in one query.</summary>
public sealed class ConsentCheck(SafeSocialDb db)
{
    public async Task<IReadOnlyList<ConsentCheckResult>> CheckAsync(Guid orgId, IReadOnlyCollection<Guid> pupilIds, string purpose, DateOnly on,
        ConsentPolicy policy, bool showFirstName = false, CancellationToken ct = default)
    {
        if (!policy.HasPurpose(purpose)) return pupilIds.Select(id => new ConsentCheckResult(id, ConsentReason.PurposeNotGiven)).ToList();
        var ids = pupilIds.Distinct().ToArray();
        string[] purposes = showFirstName ? [purpose, ConsentPurpose.FirstNameWithImage] : [purpose];
        // One round trip: each pupil's leaving date with their records for the purposes asked about. The records are
        // found through the pupil (already this school's) and not also by school: with both, PostgreSQL reads every record
        // of the school once per pupil (14 ms for a class at the large-trust scale) instead of each pupil's own (under 1 ms).
        // Flat rows (a pupil, or a pupil with one record), grouped here: cheaper to read than a nested collection.
        var flat = await (
            from p in db.Pupils.AsNoTracking().Where(p => p.OrganisationId == orgId && ids.Contains(p.Id))
            from r in db.ConsentRecords.Where(r => r.PupilId == p.Id && purposes.Contains(r.Purpose)).DefaultIfEmpty()
            select new { p.Id, p.LeavingDate, Purpose = r == null ? null : r.Purpose, Decision = (ConsentDecision?)r!.Decision, DecidedOn = (DateOnly?)r.DecidedOn, RecordedAt = (DateTimeOffset?)r.RecordedAt })
            .ToListAsync(ct);
        var rows = flat.GroupBy(x => x.Id).Select(g => new
        {
            Id = g.Key, g.First().LeavingDate,
            Records = g.Where(x => x.Purpose is not null).Select(x => new ConsentRecord
            {
                PupilId = g.Key, Purpose = x.Purpose!, Decision = x.Decision!.Value, DecidedOn = x.DecidedOn!.Value, RecordedAt = x.RecordedAt!.Value,
                DecidedByName = "", RecordedBy = "",
            }).ToList(),
        }).ToList();
        var byId = rows.ToDictionary(r => r.Id);
        return pupilIds.Select(id => new ConsentCheckResult(id, byId.TryGetValue(id, out var row)
            ? Reason(row.Records, purpose, on, policy, row.LeavingDate, showFirstName)
            : ConsentReason.NoAnswer)).ToList();
    }

    private static ConsentReason Reason(List<ConsentRecord> records, string purpose, DateOnly on, ConsentPolicy policy, DateOnly? leaving, bool showFirstName)
    {
        var standing = ConsentStanding.Derive(records.Where(r => r.Purpose == purpose), policy, on, leaving);
        if (!standing.Allowed) return standing.Reason;
        if (showFirstName && !ConsentStanding.Derive(records.Where(r => r.Purpose == ConsentPurpose.FirstNameWithImage), policy, on, leaving).Allowed)
            return ConsentReason.FirstNameNotAllowed;
        return ConsentReason.None;
    }
}

/// <summary>The columns a standing is derived from, and no more: a class's check reads a tenth of the bytes of whole records.</summary>
internal static class ConsentRecordSlim
{
    public static readonly System.Linq.Expressions.Expression<Func<ConsentRecord, ConsentRecord>> Decision = r => new ConsentRecord
    {
        Id = r.Id, PupilId = r.PupilId, Purpose = r.Purpose, Decision = r.Decision, DecidedOn = r.DecidedOn, RecordedAt = r.RecordedAt,
        DecidedByName = "", RecordedBy = "",
    };
}
