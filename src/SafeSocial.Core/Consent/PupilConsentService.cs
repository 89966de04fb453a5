using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Consent;

/// <summary>A parent or carer who may decide for the pupil (one with parental responsibility).</summary>
public sealed record ConsentDeciderOption(Guid ParentId, string Name, string Relationship);

/// <summary>Why biometric use is or is not allowed, in the Act's terms.</summary>
public enum BiometricStanding { Allowed, NoWrittenConsent, ParentObjects, PupilObjects }

/// <summary>Everything the pupil page shows about consent: today's standing per purpose, the whole history, and biometrics.</summary>
public sealed record PupilConsent(
    Guid PupilId,
    string KnownAs,
    bool IsAdult,
    /// <summary>18, or at least the policy's competence age: the pupil may be offered as the one who decides.</summary>
    bool MayDecideForThemselves,
    DateOnly? LeavingDate,
    ConsentPolicy Policy,
    IReadOnlyList<(ConsentPurpose Purpose, ConsentStanding Standing)> Standings,
    IReadOnlyList<ConsentRecord> History,
    IReadOnlyDictionary<string, string> PurposeNames,
    BiometricStanding Biometric,
    IReadOnlyList<BiometricConsentRecord> BiometricHistory,
    IReadOnlyList<ConsentDeciderOption> Deciders)
{
    public ConsentLevel Level => ConsentRoster.Level(new PupilConsentRow(PupilId, KnownAs, "", "", null,
        Standings.ToDictionary(s => s.Purpose.Key, s => s.Standing)), Policy);

    /// <summary>A purpose's name, also for one the school no longer asks about (its history stays).</summary>
    public string NameOf(string key) => PurposeNames.TryGetValue(key, out var name) ? name : key;
}

/// <summary>Reads one pupil's consent for their page and for the form that records a decision.</summary>
public sealed class PupilConsentService(SafeSocialDb db, ConsentPolicyService policies, TimeProvider clock)
{
    /// <summary>Null when the pupil is not this school's.</summary>
    public async Task<PupilConsent?> ForAsync(Guid orgId, Guid pupilId, CancellationToken ct = default)
    {
        // One round trip on purpose: one pupil's few records, biometric decisions and parents multiply to a few dozen rows at most.
        var pupil = await db.Pupils.AsNoTracking().AsSingleQuery().Where(p => p.OrganisationId == orgId && p.Id == pupilId)
            .Select(p => new
            {
                p.Id, p.LeavingDate, p.DateOfBirth,
                KnownAs = (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName),
                Records = db.ConsentRecords.Where(r => r.PupilId == p.Id).ToList(),
                Biometric = db.BiometricConsentRecords.Where(r => r.PupilId == p.Id).ToList(),
                Deciders = p.Parents.Where(l => l.HasParentalResponsibility)
                    .Select(l => new ConsentDeciderOption(l.ParentId, l.Parent!.FirstName + " " + l.Parent.LastName, l.Relationship)).ToList(),
            }).FirstOrDefaultAsync(ct);
        if (pupil is null) return null;

        var today = UkTime.Today(clock);
        var policy = await policies.ForAsync(orgId, ct);
        var names = (await policies.PurposesAsync(orgId, ct)).ToDictionary(l => l.Purpose.Key, l => l.Purpose.Name);
        var standings = policy.Purposes
            .Select(p => (p, ConsentStanding.Derive(pupil.Records.Where(r => r.Purpose == p.Key), policy, today, pupil.LeavingDate))).ToList();
        var history = pupil.Records.OrderByDescending(r => r.DecidedOn).ThenByDescending(r => r.RecordedAt).ToList();
        var biometric = pupil.Biometric.OrderByDescending(r => r.RecordedAt).ToList();
        return new PupilConsent(pupil.Id, pupil.KnownAs, pupil.DateOfBirth is { } dob && dob.AddYears(18) <= today,
            policy.PupilMayDecide(pupil.DateOfBirth, today), pupil.LeavingDate, policy, standings, history, names,
            BiometricStandingOf(biometric), biometric,
            pupil.Deciders.OrderBy(d => d.Name, StringComparer.CurrentCulture).ToList());
    }

    /// <summary>The reason behind <see cref="ConsentStanding.BiometricAllowed"/>, for people to read.</summary>
    public static BiometricStanding BiometricStandingOf(IReadOnlyCollection<BiometricConsentRecord> history)
    {
        if (ConsentStanding.BiometricAllowed(history)) return BiometricStanding.Allowed;
        var latest = history.GroupBy(r => r.DecidedByPupil ? Guid.Empty : r.DecidedByParentId ?? Guid.Empty)
            .Select(g => g.OrderByDescending(r => r.RecordedAt).First()).ToList();
        if (latest.Any(r => r.DecidedByPupil && r.Decision == BiometricDecision.Objected)) return BiometricStanding.PupilObjects;
        if (latest.Any(r => !r.DecidedByPupil && r.Decision == BiometricDecision.Objected)) return BiometricStanding.ParentObjects;
        return BiometricStanding.NoWrittenConsent;
    }
}
