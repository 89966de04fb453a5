using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Consent;

/// <summary>How much of the school's consent list a pupil has: what the badge beside their name says.</summary>
public enum ConsentLevel { AllPurposes, SomePurposes, NoConsent }

/// <summary>One pupil on a consent list: where they may appear today, purpose by purpose.</summary>
public sealed record PupilConsentRow(Guid PupilId, string KnownAs, string FirstName, string LastName, Guid? ClassId,
    IReadOnlyDictionary<string, ConsentStanding> Standings)
{
    public ConsentReason ReasonFor(string purpose) => Standings.TryGetValue(purpose, out var s) ? s.Reason : ConsentReason.PurposeNotGiven;

    public bool MayAppear(string purpose) => ReasonFor(purpose) == ConsentReason.None;
}

/// <summary>
/// Reads pupils with their whole consent history in one query and derives where each stands, so a page of
/// pupils, a class or a school gets its badges and lists without a query per pupil.
/// </summary>
public sealed class ConsentRoster(SafeSocialDb db)
{
    /// <summary>The purposes that are places an image may go; the first name is a condition on them, not a place.</summary>
    public static IReadOnlyList<ConsentPurpose> Channels(ConsentPolicy policy) =>
        policy.Purposes.Where(p => p.Key != ConsentPurpose.FirstNameWithImage).ToList();

    /// <summary>
    /// "All purposes" only when every purpose on the school's list is a yes, the first name with an image included: a badge
    /// never hides a no. "No consent" when the pupil may appear nowhere (a yes to the first name alone is no place to appear).
    /// </summary>
    public static ConsentLevel Level(PupilConsentRow row, ConsentPolicy policy)
    {
        if (!Channels(policy).Any(c => row.MayAppear(c.Key))) return ConsentLevel.NoConsent;
        return policy.Purposes.All(p => row.MayAppear(p.Key)) ? ConsentLevel.AllPurposes : ConsentLevel.SomePurposes;
    }

    /// <summary>The badge of one pupil from their records (any purposes; those the policy does not ask about are ignored).</summary>
    public static ConsentLevel Level(IReadOnlyCollection<ConsentRecord> records, ConsentPolicy policy, DateOnly on, DateOnly? leavingDate) =>
        Level(new PupilConsentRow(Guid.Empty, "", "", "", null, Standings(records, policy, on, leavingDate)), policy);

    private static Dictionary<string, ConsentStanding> Standings(IReadOnlyCollection<ConsentRecord> records, ConsentPolicy policy, DateOnly on, DateOnly? leavingDate) =>
        policy.Purposes.ToDictionary(x => x.Key, x => ConsentStanding.Derive(records.Where(r => r.Purpose == x.Key), policy, on, leavingDate));

    /// <summary>The badge of each pupil asked about (pupils not of this school are left out).</summary>
    public async Task<IReadOnlyDictionary<Guid, ConsentLevel>> LevelsAsync(Guid orgId, IReadOnlyCollection<Guid> pupilIds, ConsentPolicy policy, DateOnly on,
        CancellationToken ct = default)
    {
        var ids = pupilIds.Distinct().ToArray();
        var rows = await RowsAsync(orgId, p => ids.Contains(p.Id), policy, on, ct);
        return rows.ToDictionary(r => r.PupilId, r => Level(r, policy));
    }

    /// <summary>Every pupil on roll in one class (or, with null, the whole school), sorted by surname.</summary>
    public Task<List<PupilConsentRow>> OnRollAsync(Guid orgId, Guid? classId, ConsentPolicy policy, DateOnly on, CancellationToken ct = default) =>
        RowsAsync(orgId, p => (classId == null || p.ClassId == classId) && (p.LeavingDate == null || p.LeavingDate > on), policy, on, ct);

    private async Task<List<PupilConsentRow>> RowsAsync(Guid orgId, System.Linq.Expressions.Expression<Func<Organisation.Pupil, bool>> which,
        ConsentPolicy policy, DateOnly on, CancellationToken ct)
    {
        var purposes = policy.Purposes.Select(p => p.Key).ToArray();
        // One round trip: the pupils with the records for the school's purposes (records of purposes it no longer asks about stay out).
        var pupils = await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == orgId).Where(which)
            .Select(p => new
            {
                p.Id, p.ClassId, p.LeavingDate,
                First = p.PreferredFirstName ?? p.LegalFirstName,
                Last = p.PreferredLastName ?? p.LegalLastName,
                // Through the pupil, not also by school: see ConsentCheck for the plan that avoids.
                Records = db.ConsentRecords.Where(r => r.PupilId == p.Id && purposes.Contains(r.Purpose)).Select(ConsentRecordSlim.Decision).ToList(),
            }).ToListAsync(ct);
        return pupils
            .Select(p => new PupilConsentRow(p.Id, $"{p.First} {p.Last}", p.First, p.Last, p.ClassId,
                Standings(p.Records, policy, on, p.LeavingDate)))
            .OrderBy(p => p.LastName, StringComparer.CurrentCulture).ThenBy(p => p.FirstName, StringComparer.CurrentCulture).ThenBy(p => p.PupilId)
            .ToList();
    }
}
