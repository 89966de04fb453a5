using SafeSocial.Core.Consent;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Consent.Portal;

/// <summary>Two schools of one trust, and families made per test: parents with email addresses, with or without parental responsibility.</summary>
internal sealed record PortalWorld(TestDb Db, FakeClock Clock, Org SchoolA, Org SchoolB)
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    public static async Task<PortalWorld> CreateAsync(PostgresServer server)
    {
        var clock = new FakeClock(Start);
        var db = await TestDb.CreateAsync(server, clock);
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = "Heron Trust" };
        var a = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Alpha Primary", TrustId = trust.Id };
        var b = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Beta Academy", TrustId = trust.Id };
        await using var ctx = db.System();
        ctx.Organisations.AddRange(trust, a, b);
        await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new PortalWorld(db, clock, a, b);
    }

    /// <summary>A pupil at the school with one parent or carer; returns the pupil's and the parent's ids.</summary>
    public async Task<(Guid Pupil, Guid Parent)> ChildAsync(Org school, string child, string surname, string? parentEmail,
        bool responsibility = true, string parent = "Ann", string relationship = "Mother", string? yearGroup = "3")
    {
        var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = child, LegalLastName = surname, YearGroup = yearGroup };
        await using var ctx = Db.System();
        ctx.Pupils.Add(pupil);
        await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (pupil.Id, await ParentAsync(school, pupil.Id, parent, surname, parentEmail, responsibility, relationship));
    }

    /// <summary>Another parent or carer of an existing pupil.</summary>
    public async Task<Guid> ParentAsync(Org school, Guid pupilId, string first, string last, string? email, bool responsibility, string relationship)
    {
        var parent = new Parent { Id = Guid.NewGuid(), OrganisationId = school.Id, FirstName = first, LastName = last, Email = email };
        await using var ctx = Db.System();
        ctx.Parents.Add(parent);
        ctx.PupilParents.Add(new PupilParent
        {
            Id = Guid.NewGuid(), OrganisationId = school.Id, PupilId = pupilId, ParentId = parent.Id, Relationship = relationship, HasParentalResponsibility = responsibility,
        });
        await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        return parent.Id;
    }

    /// <summary>A context as an anonymous portal request has it: no organisation visible until the family is found.</summary>
    public SafeSocialDb Anonymous() => Db.LimitedTo();

    public ParentSignIn SignIn(SafeSocialDb ctx) => new(ctx, Clock);

    public ParentFamily Families(SafeSocialDb ctx) =>
        new(ctx, new ConsentRegister(ctx, Clock), new ConsentPolicyService(ctx, new PolicySettingsService(ctx)), Clock);

    /// <summary>Yes or no for every default purpose, with some changed.</summary>
    public static Dictionary<string, bool?> Answers(bool all, params (string Key, bool? Yes)[] changes)
    {
        var answers = ConsentPurpose.Defaults.ToDictionary(p => p.Key, _ => (bool?)all);
        foreach (var (key, yes) in changes) answers[key] = yes;
        return answers;
    }
}
