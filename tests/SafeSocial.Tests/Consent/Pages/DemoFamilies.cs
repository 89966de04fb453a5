using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent.Pages;

/// <summary>Pupils of known consent added to the demo school, each with a mother who has parental responsibility and a step-parent who has not.</summary>
internal static class DemoFamilies
{
    public sealed record Family(Guid PupilId, Guid MotherId, Guid StepParentId, string Surname)
    {
        public string Name => $"Sam {Surname}";
        public string MotherName => $"Ann {Surname}";
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static DateOnly Today => UkTime.Today(TimeProvider.System);

    public static async Task<Guid> ClassAsync(AppFixture app, Guid schoolId, string name, string yearGroup)
    {
        await using var db = app.Db.System();
        var cls = new SchoolClass { Id = Guid.NewGuid(), OrganisationId = schoolId, Name = name, YearGroup = yearGroup };
        db.SchoolClasses.Add(cls);
        await db.SaveChangesAsync(Ct);
        return cls.Id;
    }

    public static async Task<Family> AddAsync(AppFixture app, Guid schoolId, string surname, Guid? classId = null, DateOnly? born = null, DateOnly? leaving = null)
    {
        await using var db = app.Db.System();
        var pupil = new Pupil
        {
            Id = Guid.NewGuid(), OrganisationId = schoolId, LegalFirstName = "Sam", LegalLastName = surname, ClassId = classId, YearGroup = "3",
            DateOfBirth = born ?? Today.AddYears(-8), LeavingDate = leaving,
        };
        pupil.RefreshSearchName();
        Parent P(string first) => new() { Id = Guid.NewGuid(), OrganisationId = schoolId, FirstName = first, LastName = surname };
        var (mother, step) = (P("Ann"), P("Cal"));
        db.Pupils.Add(pupil);
        db.Parents.AddRange(mother, step);
        db.PupilParents.AddRange(
            new PupilParent { Id = Guid.NewGuid(), OrganisationId = schoolId, PupilId = pupil.Id, ParentId = mother.Id, Relationship = "Mother", HasParentalResponsibility = true },
            new PupilParent { Id = Guid.NewGuid(), OrganisationId = schoolId, PupilId = pupil.Id, ParentId = step.Id, Relationship = "Step-parent", HasParentalResponsibility = false });
        await db.SaveChangesAsync(Ct);
        return new Family(pupil.Id, mother.Id, step.Id, surname);
    }

    /// <summary>A decision by the mother on a paper form, entered straight into the register's table.</summary>
    public static async Task DecideAsync(AppFixture app, Guid schoolId, Family f, string purpose, ConsentDecision decision, DateOnly? on = null)
    {
        await using var db = app.Db.System();
        db.ConsentRecords.Add(new ConsentRecord
        {
            Id = Guid.NewGuid(), OrganisationId = schoolId, PupilId = f.PupilId, Purpose = purpose, Decision = decision, DecidedOn = on ?? Today.AddDays(-10),
            DecidedByParentId = f.MotherId, DecidedByName = f.MotherName, Source = ConsentSource.PaperForm, RecordedBy = "Test office",
            RecordedAt = TimeProvider.System.GetUtcNow(),
        });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Every purpose of SafeSocial's default list given (the demo school sets none of its own).</summary>
    public static async Task GiveAllAsync(AppFixture app, Guid schoolId, Family f, params string[] except)
    {
        foreach (var p in ConsentPurpose.Defaults.Where(p => !except.Contains(p.Key)))
            await DecideAsync(app, schoolId, f, p.Key, ConsentDecision.Given);
    }

    public static KeyValuePair<string, string>[] Date(string prefix, DateOnly d) =>
        [new($"{prefix}.Day", d.Day.ToString()), new($"{prefix}.Month", d.Month.ToString()), new($"{prefix}.Year", d.Year.ToString())];
}
