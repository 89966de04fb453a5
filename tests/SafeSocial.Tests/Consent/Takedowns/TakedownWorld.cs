using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Core.Takedowns;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Consent.Takedowns;

/// <summary>A trust with one school: a head of communications at the trust, a headteacher and a teacher at the school, and pupils with a parent each.</summary>
internal sealed record TakedownWorld(TestDb Db, FakeClock Clock, Org Trust, Org School, StaffMember HeadOfComms, StaffMember Headteacher, StaffMember Teacher)
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;
    public DateOnly Today => UkTime.Today(Clock);

    public static async Task<TakedownWorld> CreateAsync(PostgresServer server, DateTimeOffset now, bool withHeadOfComms = true)
    {
        var clock = new FakeClock(now);
        // Unpooled: a database per test would otherwise keep idle connections open until the run ends.
        var db = new TestDb(await server.CreateDatabaseAsync() + ";Pooling=false", clock);
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = "Community Trust" };
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Alpha Primary", TrustId = trust.Id };
        StaffMember Person(Org at, string first, string last) =>
            new() { Id = Guid.NewGuid(), OrganisationId = at.Id, FirstName = first, LastName = last, Email = $"{first.ToLowerInvariant()}@alpha.example" };
        var (comms, head, teacher) = (Person(trust, "Cora", "Comms"), Person(school, "Hana", "Head"), Person(school, "Tom", "Teach"));
        RoleAssignment Role(StaffMember s, Guid org, Role role) => new() { Id = Guid.NewGuid(), OrganisationId = org, StaffMemberId = s.Id, Role = role };
        await using var ctx = db.System();
        ctx.Organisations.AddRange(trust, school);
        ctx.StaffMembers.AddRange(comms, head, teacher);
        if (withHeadOfComms) ctx.RoleAssignments.Add(Role(comms, trust.Id, Core.Organisation.Role.HeadOfCommunications));
        ctx.RoleAssignments.AddRange(Role(head, school.Id, Core.Organisation.Role.Headteacher), Role(teacher, school.Id, Core.Organisation.Role.Teacher));
        await ctx.SaveChangesAsync(Ct);
        return new TakedownWorld(db, clock, trust, school, comms, head, teacher);
    }

    public sealed record Family(Guid PupilId, Guid ParentId, string Name);

    public async Task<Family> PupilAsync(string surname, DateOnly? leaving = null)
    {
        var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = School.Id, LegalFirstName = "Sam", LegalLastName = surname, LeavingDate = leaving };
        var parent = new Parent { Id = Guid.NewGuid(), OrganisationId = School.Id, FirstName = "Ann", LastName = surname };
        await using var ctx = Db.System();
        ctx.Pupils.Add(pupil);
        ctx.Parents.Add(parent);
        ctx.PupilParents.Add(new PupilParent { Id = Guid.NewGuid(), OrganisationId = School.Id, PupilId = pupil.Id, ParentId = parent.Id, Relationship = "Mother", HasParentalResponsibility = true });
        await ctx.SaveChangesAsync(Ct);
        return new Family(pupil.Id, parent.Id, pupil.KnownAs);
    }

    public async Task SetAsync(string setting, int? value, Guid? org = null)
    {
        await using var ctx = Db.System();
        await new PolicySettingsService(ctx).SetAsync(org ?? School.Id, PolicySettingDefinition.Find(setting)!, value, Ct);
    }

    public async Task<ConsentPolicy> PolicyAsync()
    {
        await using var ctx = Db.System();
        return await new ConsentPolicyService(ctx, new PolicySettingsService(ctx)).ForAsync(School.Id, Ct);
    }

    /// <summary>Records a decision through the register, with the school's own policy, as the office would.</summary>
    public async Task DecideAsync(Family f, string purpose, ConsentDecision decision)
    {
        var policy = await PolicyAsync();
        await using var ctx = Db.LimitedTo(School.Id);
        var outcome = await new ConsentRegister(ctx, Clock).RecordAsync(School.Id, f.PupilId, purpose, decision, ConsentDecider.ByParent(f.ParentId),
            new ConsentProvenance(ConsentSource.PaperForm, "Office"), policy, ct: Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        Clock.Advance(TimeSpan.FromMinutes(1));
    }

    /// <summary>The daily check for a day, run as the application runs it: system work.</summary>
    public async Task<TakedownSweepResult> SweepAsync(DateOnly on)
    {
        await using var ctx = Db.System("Daily check");
        var settings = new PolicySettingsService(ctx);
        return await new TakedownSweep(ctx, new ConsentPolicyService(ctx, settings), settings, Clock).RunAsync(on, Ct);
    }

    public async Task<List<TakedownTask>> TasksAsync()
    {
        await using var ctx = Db.System();
        return await ctx.TakedownTasks.OrderBy(t => t.OpenedAt).ToListAsync(Ct);
    }

    public TakedownService Service(SafeSocialDb ctx) => new(ctx, Clock);

    /// <summary>Moves the clock to midday (UK) on a day.</summary>
    public void SetDay(DateOnly day) => Clock.Now = UkTime.StartOfDay(day).AddHours(12).ToUniversalTime();
}
