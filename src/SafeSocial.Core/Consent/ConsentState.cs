using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Consent;

/// <summary>Why a pupil may not appear; None when they may.</summary>
public enum ConsentReason { None, NoAnswer, Withdrawn, Lapsed, PurposeNotGiven, FirstNameNotAllowed }

/// <summary>Where a pupil stands on one purpose on one day, derived from their history.</summary>
public sealed record ConsentStanding(ConsentReason Reason, ConsentRecord? Latest)
{
    public bool Allowed => Reason == ConsentReason.None;

    /// <summary>The latest decision wins; a given consent counts only while the policy says it lasts and the pupil is at the school.</summary>
    public static ConsentStanding Derive(IEnumerable<ConsentRecord> historyForPurpose, ConsentPolicy policy, DateOnly on, DateOnly? leavingDate)
    {
        var latest = historyForPurpose.Where(r => r.DecidedOn <= on)
            .OrderByDescending(r => r.DecidedOn).ThenByDescending(r => r.RecordedAt).FirstOrDefault();
        if (latest is null) return new(ConsentReason.NoAnswer, null);
        return latest.Decision switch
        {
            ConsentDecision.Withdrawn => new(ConsentReason.Withdrawn, latest),
            ConsentDecision.Refused => new(ConsentReason.PurposeNotGiven, latest),
            _ when leavingDate is { } left && left <= on => new(ConsentReason.Lapsed, latest),
            _ when policy.LastValidDay(latest.DecidedOn) is { } last && on > last => new(ConsentReason.Lapsed, latest),
            _ => new(ConsentReason.None, latest),
        };
    }

    /// <summary>The Protection of Freedoms Act 2012 test: the pupil has not objected, no parent objects, and at least one parent consented in writing.</summary>
    public static bool BiometricAllowed(IEnumerable<BiometricConsentRecord> history)
    {
        // Each person's latest word is what stands: a parent may object and later consent.
        var latest = history.GroupBy(r => r.DecidedByPupil ? Guid.Empty : r.DecidedByParentId ?? Guid.Empty)
            .Select(g => g.OrderByDescending(r => r.RecordedAt).First()).ToList();
        if (latest.Any(r => r.Decision == BiometricDecision.Objected)) return false;
        return latest.Any(r => !r.DecidedByPupil && r.DecidedByParentId is not null && r.InWriting && r.Decision == BiometricDecision.Consented);
    }
}
