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
        // One round trip: each pupil's leaving date with their records for the purposes asked about.
        var rows = await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == orgId && ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.LeavingDate,
                Records = db.ConsentRecords.Where(r => r.OrganisationId == orgId && r.PupilId == p.Id && purposes.Contains(r.Purpose)).ToList(),
            }).ToListAsync(ct);
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
