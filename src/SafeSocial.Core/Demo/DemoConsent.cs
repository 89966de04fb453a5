using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Demo;

/// <summary>
/// A realistic spread of consent for generated pupils: most families answered September's form and gave most
/// purposes, some refused some (press most often), a few withdrew later, a few refused everything, and about one
/// in ten never answered. Decisions are dated this academic year, so they stand under either validity rule.
/// </summary>
public static class DemoConsent
{
    public sealed record Seeded(List<ConsentRecord> Records, List<BiometricConsentRecord> Biometric);

    public static Seeded For(GeneratedTrust g, DateOnly today, DateTimeOffset now, int seed = 3)
    {
        var random = new Random(seed);
        var yearStart = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
        var names = g.Parents.ToDictionary(p => p.Id, p => p.FullName);
        var deciders = g.Links.Where(l => l.HasParentalResponsibility).GroupBy(l => l.PupilId)
            .ToDictionary(x => x.Key, x => x.Select(l => (l.ParentId, names[l.ParentId])).ToList());
        var result = new Seeded([], []);
        foreach (var pupil in g.Pupils)
        {
            if (!deciders.TryGetValue(pupil.Id, out var parents) || random.NextDouble() < 0.10) continue; // no answer
            var (parentId, parentName) = parents[random.Next(parents.Count)];
            var decidedOn = Min(yearStart.AddDays(random.Next(0, 21)), today);
            var source = random.NextDouble() < 0.8 ? ConsentSource.PaperForm : ConsentSource.Email;
            var refusesAll = random.NextDouble() < 0.05;
            ConsentRecord Record(string purpose, ConsentDecision decision, DateOnly on) => new()
            {
                Id = Guid.NewGuid(), OrganisationId = pupil.OrganisationId, PupilId = pupil.Id, Purpose = purpose, Decision = decision, DecidedOn = on,
                DecidedByParentId = parentId, DecidedByName = parentName, Source = source, RecordedBy = "School office",
                RecordedAt = Min(new DateTimeOffset(on.AddDays(2).ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero), now),
            };
            foreach (var purpose in ConsentPurpose.Defaults)
            {
                var givenChance = purpose.Key switch
                {
                    ConsentPurpose.PressAndLocalMedia => 0.7,
                    ConsentPurpose.FirstNameWithImage => 0.55,
                    ConsentPurpose.DisplaysInSchool => 0.97,
                    _ => 0.9,
                };
                var given = !refusesAll && random.NextDouble() < givenChance;
                result.Records.Add(Record(purpose.Key, given ? ConsentDecision.Given : ConsentDecision.Refused, decidedOn));
                // A few families change their mind about social media later in the year.
                if (given && purpose.Key == ConsentPurpose.SchoolSocialMedia && random.NextDouble() < 0.05 && decidedOn.AddDays(14) <= today)
                    result.Records.Add(Record(purpose.Key, ConsentDecision.Withdrawn, Min(decidedOn.AddDays(14 + random.Next(0, 30)), today)));
            }
            var biometric = random.NextDouble();
            if (biometric < 0.15)
                result.Biometric.Add(new BiometricConsentRecord
                {
                    Id = Guid.NewGuid(), OrganisationId = pupil.OrganisationId, PupilId = pupil.Id,
                    Decision = biometric < 0.02 ? BiometricDecision.Objected : BiometricDecision.Consented,
                    DecidedByParentId = parentId, DecidedByName = parentName, InWriting = true, DecidedOn = decidedOn, Source = source,
                    RecordedBy = "School office", RecordedAt = Min(new DateTimeOffset(decidedOn.AddDays(2).ToDateTime(new TimeOnly(9, 45)), TimeSpan.Zero), now),
                });
        }
        return result;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
