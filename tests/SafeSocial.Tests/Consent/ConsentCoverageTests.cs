using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Consent;

/// <summary>The coverage figures on a small data set whose answer is known, and the class list's single read.</summary>
public class ConsentCoverageTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly FakeClock Clock = new(new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero));
    private static readonly DateOnly Today = new(2026, 10, 15);

    private sealed class World(TestDb db, Org trust, Org yearly, Org whole)
    {
        public TestDb Db => db;
        public Org Trust => trust;
        public Org Yearly => yearly;
        public Org Whole => whole;
        private int _n;

        public async Task<Guid> PupilAsync(Org school, string year, params (string Purpose, ConsentDecision Decision, DateOnly On)[] decisions) =>
            await PupilAsync(school, year, null, decisions);

        public async Task<Guid> PupilAsync(Org school, string year, DateOnly? leaving, params (string Purpose, ConsentDecision Decision, DateOnly On)[] decisions)
        {
            await using var ctx = db.System();
            var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = "Pupil", LegalLastName = $"N{++_n}", YearGroup = year, LeavingDate = leaving };
            ctx.Pupils.Add(pupil);
            var minute = 0;
            foreach (var (purpose, decision, on) in decisions)
                ctx.ConsentRecords.Add(new ConsentRecord
                {
                    Id = Guid.NewGuid(), OrganisationId = school.Id, PupilId = pupil.Id, Purpose = purpose, Decision = decision, DecidedOn = on,
                    DecidedByName = "A parent", Source = ConsentSource.PaperForm, RecordedBy = "Office", RecordedAt = Clock.GetUtcNow().AddMinutes(-100 + minute++),
                });
            await ctx.SaveChangesAsync(Ct);
            return pupil.Id;
        }
    }

    /// <summary>A trust with a school whose consent lasts one academic year and one whose lasts the whole enrolment and does not ask about video.</summary>
    private async Task<World> WorldAsync()
    {
        var db = await TestDb.CreateAsync(server, Clock);
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = "Coverage Trust" };
        var yearly = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "A Yearly Primary", TrustId = trust.Id };
        var whole = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "B Whole Primary", TrustId = trust.Id };
        await using var ctx = db.System();
        ctx.Organisations.AddRange(trust, yearly, whole);
        await ctx.SaveChangesAsync(Ct);
        await new PolicySettingsService(ctx).SetAsync(yearly.Id, PolicySettingDefinition.Find("consent-validity")!, (int)ConsentValidity.AcademicYear, Ct);
        await Policies(ctx).SetPurposeAsync(whole.Id, ConsentPurpose.Video, "Video", offered: false, Ct);
        return new World(db, trust, yearly, whole);
    }

    private static ConsentPolicyService Policies(SafeSocialDb ctx) => new(ctx, new PolicySettingsService(ctx));

    [Fact]
    public async Task EachPupilOnRoll_IsCountedOnce_PerPurpose_ByTheirLatestDecision()
    {
        var w = await WorldAsync();
        const string web = ConsentPurpose.SchoolWebsite;
        var thisYear = new DateOnly(2026, 9, 10);
        var lastYear = new DateOnly(2026, 3, 1);
        await w.PupilAsync(w.Yearly, "1", (web, ConsentDecision.Given, thisYear));
        await w.PupilAsync(w.Yearly, "1", (web, ConsentDecision.Given, thisYear), (web, ConsentDecision.Withdrawn, new DateOnly(2026, 10, 1)));
        await w.PupilAsync(w.Yearly, "1", (web, ConsentDecision.Refused, thisYear));
        await w.PupilAsync(w.Yearly, "1", (web, ConsentDecision.Given, lastYear)); // lapsed at the end of August
        await w.PupilAsync(w.Yearly, "1");                                        // no answer
        await w.PupilAsync(w.Yearly, "1", Today.AddDays(-1), (web, ConsentDecision.Given, thisYear)); // has left: not counted
        await w.PupilAsync(w.Yearly, "1", (web, ConsentDecision.Given, new DateOnly(2026, 10, 20))); // dated after today: no answer yet
        // Latest by decision day wins, whatever order they were entered in: a late-entered old form does not undo a newer one.
        await w.PupilAsync(w.Yearly, "2", (web, ConsentDecision.Given, new DateOnly(2026, 10, 5)), (web, ConsentDecision.Withdrawn, thisYear));
        await w.PupilAsync(w.Whole, "R", (web, ConsentDecision.Given, lastYear), (ConsentPurpose.Video, ConsentDecision.Given, lastYear));
        await w.PupilAsync(w.Whole, "R", (ConsentPurpose.Video, ConsentDecision.Refused, lastYear));

        await using var ctx = w.Db.LimitedTo(w.Trust.Id, w.Yearly.Id, w.Whole.Id);
        var report = await new ConsentCoverage(ctx, Policies(ctx), Clock).ForAsync(w.Trust.Id, Ct);

        Assert.Equal(["A Yearly Primary", "B Whole Primary"], report.Schools.Select(s => s.SchoolName));
        var yearly = report.Schools[0];
        var years = yearly.ByYearGroup[web].ToDictionary(y => y.YearGroup!, y => y.Counts);
        Assert.Equal(new CoverageCounts(Given: 1, NoAnswer: 2, WithdrawnOrLapsed: 2, NotGiven: 1), years["1"]);
        Assert.Equal(new CoverageCounts(1, 0, 0, 0), years["2"]);
        Assert.Equal(new CoverageCounts(2, 2, 2, 1), yearly.ByPurpose[web]);
        Assert.Equal(7, yearly.ByPurpose[ConsentPurpose.Video].NoAnswer);

        // Whole enrolment: last year's consent still stands. Video is not asked about there, so not counted.
        var whole = report.Schools[1];
        Assert.Equal(new CoverageCounts(1, 1, 0, 0), whole.ByPurpose[web]);
        Assert.False(whole.ByPurpose.ContainsKey(ConsentPurpose.Video));
        Assert.Equal(new CoverageCounts(3, 3, 2, 1), report.Total(web));
        Assert.Equal(7, report.Total(ConsentPurpose.Video).Pupils);
        Assert.Equal(33, report.Total(web).Percent(report.Total(web).Given));

        // A school sees only itself.
        var school = await new ConsentCoverage(ctx, Policies(ctx), Clock).ForAsync(w.Whole.Id, Ct);
        Assert.Equal(w.Whole.Id, Assert.Single(school.Schools).SchoolId);
    }

    [Fact]
    public async Task AClassList_ReadsTheDatabaseOnce_AndGivesEachPupilsStanding()
    {
        var w = await WorldAsync();
        var thisYear = new DateOnly(2026, 9, 10);
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            (string, ConsentDecision, DateOnly)[] decisions = i % 3 == 0 ? [] : [(ConsentPurpose.SchoolWebsite, ConsentDecision.Given, thisYear), (ConsentPurpose.Video, ConsentDecision.Given, thisYear)];
            ids.Add(await w.PupilAsync(w.Whole, "3", decisions));
        }

        var counter = new CommandCounter();
        var scope = new OrganisationScope();
        scope.LimitTo([w.Whole.Id]);
        await using var ctx = new SafeSocialDb(new DbContextOptionsBuilder<SafeSocialDb>().UseNpgsql(w.Db.ConnectionString).AddInterceptors(counter).Options,
            scope, new AuditContext(), Clock);
        var policy = ConsentPolicy.Default;
        var rows = await new ConsentRoster(ctx).OnRollAsync(w.Whole.Id, null, policy, Today, Ct);
        Assert.Equal(1, counter.Commands);
        Assert.Equal(30, rows.Count);
        Assert.Equal(20, rows.Count(r => r.MayAppear(ConsentPurpose.SchoolWebsite)));
        Assert.Equal(10, rows.Count(r => ConsentRoster.Level(r, policy) == ConsentLevel.NoConsent));
        Assert.Equal(20, rows.Count(r => ConsentRoster.Level(r, policy) == ConsentLevel.SomePurposes));

        counter.Commands = 0;
        var levels = await new ConsentRoster(ctx).LevelsAsync(w.Whole.Id, ids.Take(10).ToList(), policy, Today, Ct);
        Assert.Equal(1, counter.Commands);
        Assert.Equal(10, levels.Count);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Commands;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Commands);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
