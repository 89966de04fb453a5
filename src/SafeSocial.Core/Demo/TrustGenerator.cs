using Bogus;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Demo;

public sealed record TrustSize(int Schools, int PupilsPerSchool, int StaffPerSchool)
{
    public static readonly TrustSize Demo = new(2, 180, 24);
    /// <summary>About 12,000 pupils, 20,000 parents and 1,500 staff.</summary>
    public static readonly TrustSize Large = new(30, 400, 50);
}

public sealed record GeneratedTrust(Org Trust, List<Org> Schools, List<SchoolClass> Classes, List<Pupil> Pupils,
    List<Parent> Parents, List<PupilParent> Links, List<StaffMember> Staff);

/// <summary>Makes a fictional trust of primary schools (Reception to Year 6) with realistic UK names.</summary>
public static class TrustGenerator
{
    private static readonly string[] YearGroups = ["R", "1", "2", "3", "4", "5", "6"];
    private static readonly string[] ClassNames = ["Oak", "Ash", "Willow", "Rowan", "Hazel", "Birch", "Elm", "Holly", "Maple", "Cedar", "Larch", "Alder", "Beech", "Yew"];
    private static readonly string[] Places = ["Alder Brook", "St Hilda's CE", "Kingsmead", "Hollyfield", "Marsh Lane", "Brookside", "Highgate Farm", "Millbrook", "Ravenswood", "Church Hill", "Fernhill", "Oakridge", "Westfield", "Larkrise", "Meadowbank"];

    public static GeneratedTrust Generate(string trustName, TrustSize size, DateOnly today, int seed = 2026)
    {
        Randomizer.Seed = new Random(seed);
        var faker = new Faker("en_GB");
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = trustName, SourcedId = "trust-1" };
        var result = new GeneratedTrust(trust, [], [], [], [], [], []);
        var academicYearStart = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);

        for (var s = 0; s < size.Schools; s++)
        {
            var place = Places[s % Places.Length] + (s >= Places.Length ? $" {s / Places.Length + 1}" : "");
            var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = $"{place} Primary School", TrustId = trust.Id, SourcedId = $"school-{s + 1}", Urn = (140000 + s * 7).ToString() };
            result.Schools.Add(school);
            var classesPerYear = Math.Max(1, (int)Math.Round(size.PupilsPerSchool / 7.0 / 28));
            var classes = YearGroups.SelectMany((y, yi) => Enumerable.Range(0, classesPerYear).Select(c => new SchoolClass
            {
                Id = Guid.NewGuid(), OrganisationId = school.Id, YearGroup = y,
                Name = y == "R" ? $"Reception {ClassNames[(yi * classesPerYear + c) % ClassNames.Length]}" : $"Year {y} {ClassNames[(yi * classesPerYear + c) % ClassNames.Length]}",
                SourcedId = $"class-{s + 1}-{y}-{c + 1}",
            })).ToList();
            result.Classes.AddRange(classes);

            for (var p = 0; p < size.PupilsPerSchool; p++)
            {
                var cls = classes[p % classes.Count];
                var yearIndex = Array.IndexOf(YearGroups, cls.YearGroup);
                var lastName = faker.Name.LastName();
                var pupil = new Pupil
                {
                    Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = faker.Name.FirstName(), LegalLastName = lastName,
                    DateOfBirth = academicYearStart.AddYears(-5 - yearIndex).AddDays(-faker.Random.Int(0, 364)),
                    YearGroup = cls.YearGroup, ClassId = cls.Id, AdmissionDate = academicYearStart.AddYears(-yearIndex),
                    SourcedId = $"pupil-{s + 1}-{p + 1}",
                };
                if (faker.Random.Bool(0.08f)) pupil.PreferredFirstName = faker.Name.FirstName();
                pupil.RefreshSearchName();
                result.Pupils.Add(pupil);
                AddParents(faker, result, school, pupil, lastName, s, p);
            }

            for (var i = 0; i < size.StaffPerSchool; i++)
                result.Staff.Add(NewStaff(faker, school.Id, i < size.StaffPerSchool * 0.6 ? "Class teacher" : "Teaching assistant", $"staff-{s + 1}-{i + 1}", academicYearStart));
        }
        return result;
    }

    private static void AddParents(Faker faker, GeneratedTrust result, Org school, Pupil pupil, string lastName, int s, int p)
    {
        // Most pupils have two parents with parental responsibility; some one; a few a carer without it.
        var count = faker.Random.WeightedRandom([1, 2], [0.35f, 0.65f]);
        for (var k = 0; k < count; k++)
        {
            var mother = k == 0;
            var parent = new Parent
            {
                Id = Guid.NewGuid(), OrganisationId = school.Id,
                FirstName = mother ? faker.Name.FirstName(Bogus.DataSets.Name.Gender.Female) : faker.Name.FirstName(Bogus.DataSets.Name.Gender.Male),
                LastName = faker.Random.Bool(0.8f) ? lastName : faker.Name.LastName(),
                Phone = faker.Phone.PhoneNumber("07### ######"), SourcedId = $"parent-{s + 1}-{p + 1}-{k + 1}",
            };
            parent.Email = $"{parent.FirstName}.{parent.LastName}.{s + 1}{p + 1}{k}@example.org".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            var carer = faker.Random.Bool(0.04f);
            result.Parents.Add(parent);
            result.Links.Add(new PupilParent
            {
                Id = Guid.NewGuid(), OrganisationId = school.Id, PupilId = pupil.Id, ParentId = parent.Id,
                Relationship = carer ? "Foster carer" : mother ? "Mother" : "Father", HasParentalResponsibility = !carer,
            });
        }
    }

    public static StaffMember NewStaff(Faker faker, Guid organisationId, string jobTitle, string sourcedId, DateOnly startedBy) => new()
    {
        Id = Guid.NewGuid(), OrganisationId = organisationId, Kind = StaffKind.Staff,
        FirstName = faker.Name.FirstName(), LastName = faker.Name.LastName(), JobTitle = jobTitle, SourcedId = sourcedId,
        StartDate = startedBy.AddYears(-faker.Random.Int(0, 15)),
        Email = $"{sourcedId}@staff.example.org",
    };
}
