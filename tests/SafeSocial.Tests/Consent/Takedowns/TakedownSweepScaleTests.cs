using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Core.Takedowns;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent.Takedowns;

/// <summary>
/// The daily check at the large-trust scale (30 schools, about 12,000 pupils, two given consents each, academic-year
/// validity): an ordinary day, 1 September, and 1 September again. A measurement, not a timed test. Run with
/// <c>dotnet run --project tests/SafeSocial.Tests -- -method "*TakedownSweep_AtTheLargeTrustScale*" -explicit only</c>.
/// </summary>
public class TakedownSweepScaleTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Explicit = true)]
    public async Task TakedownSweep_AtTheLargeTrustScale()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 8, 31, 5, 0, 0, TimeSpan.Zero));
        var db = await TestDb.CreateAsync(server, clock);
        var g = TrustGenerator.Generate("Heron Valley Learning Trust", TrustSize.Large, new DateOnly(2026, 8, 20), seed: 30);
        // One in a hundred leaves on 31 August, so the ordinary day has leavers to find too.
        foreach (var p in g.Pupils.Where((_, i) => i % 100 == 0)) p.LeavingDate = new DateOnly(2026, 8, 31);
        var comms = TrustGenerator.NewStaff(new Bogus.Faker("en_GB"), g.Trust.Id, "Head of communications", "comms", new DateOnly(2026, 8, 20));
        var given = new DateOnly(2025, 9, 10);
        var records = g.Pupils.SelectMany(p => new[] { ConsentPurpose.SchoolWebsite, ConsentPurpose.SchoolSocialMedia }.Select(purpose => new ConsentRecord
        {
            Id = Guid.NewGuid(), OrganisationId = p.OrganisationId, PupilId = p.Id, Purpose = purpose, Decision = ConsentDecision.Given, DecidedOn = given,
            DecidedByName = "A parent", Source = ConsentSource.PaperForm, RecordedBy = "Office", RecordedAt = clock.GetUtcNow().AddYears(-1),
        })).ToList();

        var watch = Stopwatch.StartNew();
        await InsertAsync(db, g.Schools.Prepend(g.Trust).ToList());
        await InsertAsync(db, g.Classes);
        await InsertAsync(db, g.Pupils);
        await InsertAsync(db, [comms]);
        await InsertAsync(db, [new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = g.Trust.Id, StaffMemberId = comms.Id, Role = Role.HeadOfCommunications }]);
        await InsertAsync(db, records);
        await using (var ctx = db.System())
            await new PolicySettingsService(ctx).SetAsync(g.Trust.Id, PolicySettingDefinition.Find("consent-validity")!, (int)ConsentValidity.AcademicYear, Ct);
        Report($"Seeded {g.Schools.Count} schools, {g.Pupils.Count} pupils, {records.Count} given consents in {watch.Elapsed.TotalSeconds:F1} s");

        var ordinary = await TimedSweepAsync(db, clock, new DateOnly(2026, 8, 31));
        var lapse = await TimedSweepAsync(db, clock, new DateOnly(2026, 9, 1));
        var again = await TimedSweepAsync(db, clock, new DateOnly(2026, 9, 1));
        var leavers = g.Pupils.Count(p => p.LeavingDate is not null);
        Assert.Equal(leavers * 2, ordinary);
        Assert.Equal(records.Count - leavers * 2, lapse);
        Assert.Equal(0, again);
    }

    private static async Task<int> TimedSweepAsync(TestDb db, FakeClock clock, DateOnly on)
    {
        clock.Now = UkTime.StartOfDay(on).AddHours(1).ToUniversalTime();
        var watch = Stopwatch.StartNew();
        await using var ctx = db.System("Daily check");
        var settings = new PolicySettingsService(ctx);
        var result = await new TakedownSweep(ctx, new ConsentPolicyService(ctx, settings), settings, clock).RunAsync(on, Ct);
        Report($"Sweep for {on:yyyy-MM-dd}: opened {result.Opened} takedowns in {watch.Elapsed.TotalMilliseconds:F0} ms");
        return result.Opened;
    }

    private static async Task InsertAsync<T>(TestDb db, IReadOnlyList<T> rows) where T : class
    {
        foreach (var batch in rows.Chunk(2_000))
        {
            await using SafeSocialDb ctx = db.System("Seed");
            ctx.ChangeTracker.AutoDetectChangesEnabled = false;
            ctx.Set<T>().AddRange(batch);
            await ctx.SaveChangesAsync(Ct);
        }
    }

    private static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
    }
}
