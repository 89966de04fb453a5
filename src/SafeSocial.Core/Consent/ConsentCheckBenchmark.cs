using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Consent;

/// <summary>What the consent check benchmark measured; latencies in milliseconds.</summary>
public sealed record ConsentBenchmarkResult(int Schools, int Pupils, int Records, TimeSpan Seeding, int Checks, int GroupSize,
    double P50, double P95, double P99, double Max, double Mean)
{
    public override string ToString() => string.Join(Environment.NewLine,
        $"Consent records: {Records} for {Pupils} pupils in {Schools} schools (seeding took {Seeding.TotalSeconds:F1} s)",
        $"Consent check of a {GroupSize}-pupil group, {Checks} checks one at a time: p50 {P50:F2} ms, p95 {P95:F2} ms, p99 {P99:F2} ms, max {Max:F2} ms (mean {Mean:F2} ms)",
        $"Floor, the cheapest query (one pupil's name by id), same conditions: p50 {FloorP50:F2} ms, p99 {FloorP99:F2} ms",
        $"Processor time of this process per check: {CpuPerCheckMs:F2} ms (PostgreSQL's own is not included)",
        $"Coverage dashboard figures (median of 5): the whole trust {TrustCoverageMs:F1} ms, one school {SchoolCoverageMs:F1} ms",
        $"Load average while measuring: {LoadAverage} (2 cores: anything above 2 means the checks waited for a processor)",
        $"RESULT consent-check p50={P50:F3} p95={P95:F3} p99={P99:F3} max={Max:F3}");

    public string LoadAverage { get; init; } = "";
    public double TrustCoverageMs { get; init; }
    public double CpuPerCheckMs { get; init; }
    public double FloorP50 { get; init; }
    public double FloorP99 { get; init; }
    public double SchoolCoverageMs { get; init; }
}

/// <summary>
/// Measures <see cref="ConsentCheck.CheckAsync"/> at the large-trust scale: gives the seeded large trust's pupils a
/// realistic spread of consent (<see cref="DemoConsent"/>: most given, some refused or withdrawn, a tenth no answer),
/// inserted in audited batches, then times checks of random 30-pupil groups (consecutive pupils of one school, as a
/// class is), each in a fresh context limited to that school, as a request would be.
/// </summary>
public static class ConsentCheckBenchmark
{
    private const int BatchSize = 2_000;
    public const int GroupSize = 30;

    /// <param name="openDb">A new context for the given scope: null opens it for system work, else limits it to those organisations.</param>
    public static async Task<ConsentBenchmarkResult> RunAsync(Func<Guid[]?, SafeSocialDb> openDb, TimeProvider clock, int checks = 3_000, int warmUp = 300,
        Action<string>? log = null, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        GeneratedTrust trust;
        await using (var db = openDb(null))
        {
            var org = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == LargeTrustSeeder.TrustName && o.Kind == OrganisationKind.Trust, ct)
                ?? throw new InvalidOperationException("bench-consent measures the large trust: run seed-large-trust first.");
            var schools = await db.Organisations.AsNoTracking().Where(o => o.TrustId == org.Id).OrderBy(o => o.SourcedId).ToListAsync(ct);
            var ids = schools.Select(s => s.Id).ToList();
            trust = new GeneratedTrust(org, schools, [],
                await db.Pupils.AsNoTracking().Where(p => ids.Contains(p.OrganisationId)).OrderBy(p => p.OrganisationId).ThenBy(p => p.ClassId).ThenBy(p => p.Id).ToListAsync(ct),
                await db.Parents.AsNoTracking().Where(p => ids.Contains(p.OrganisationId)).ToListAsync(ct),
                await db.PupilParents.AsNoTracking().Where(l => ids.Contains(l.OrganisationId)).ToListAsync(ct), []);
        }

        var watch = Stopwatch.StartNew();
        var records = await SeedAsync(openDb, trust, today, clock, log, ct);
        var seeding = watch.Elapsed;

        var policies = new Dictionary<Guid, ConsentPolicy>();
        foreach (var school in trust.Schools)
        {
            await using var db = openDb([school.Id, trust.Trust.Id]);
            policies[school.Id] = await new ConsentPolicyService(db, new Policy.PolicySettingsService(db)).ForAsync(school.Id, ct);
        }
        var bySchool = trust.Pupils.Where(p => p.LeavingDate == null || p.LeavingDate > today).GroupBy(p => p.OrganisationId)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToArray());
        var random = new Random(30);
        var purposes = ConsentRoster.Channels(ConsentPolicy.Default).Select(p => p.Key).ToArray();

        async Task<double> OneAsync()
        {
            var school = trust.Schools[random.Next(trust.Schools.Count)].Id;
            var pupils = bySchool[school];
            var group = pupils.Skip(random.Next(0, pupils.Length - GroupSize + 1)).Take(GroupSize).ToList();
            var purpose = purposes[random.Next(purposes.Length)];
            var firstName = random.Next(2) == 0;
            await using var db = openDb([school, trust.Trust.Id]);
            var check = new ConsentCheck(db);
            var started = Stopwatch.GetTimestamp();
            var results = await check.CheckAsync(school, group, purpose, today, policies[school], firstName, ct);
            var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (results.Count != group.Count) throw new InvalidOperationException("The check answered for the wrong number of pupils.");
            return took;
        }

        // The floor: the cheapest query there is (one pupil's name by id) through the same context and pool, to tell the
        // check's own cost from what any query costs on this machine at this moment.
        async Task<double> FloorAsync()
        {
            var school = trust.Schools[random.Next(trust.Schools.Count)].Id;
            var pupil = bySchool[school][random.Next(bySchool[school].Length)];
            await using var db = openDb([school, trust.Trust.Id]);
            var started = Stopwatch.GetTimestamp();
            await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == school && p.Id == pupil).Select(p => p.LegalFirstName).FirstOrDefaultAsync(ct);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        for (var i = 0; i < warmUp; i++) { await OneAsync(); await FloorAsync(); }
        var floor = new double[checks];
        for (var i = 0; i < checks; i++) floor[i] = await FloorAsync();
        Array.Sort(floor);
        log?.Invoke($"Warmed up with {warmUp} checks; measuring {checks}...");
        var times = new double[checks];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < checks; i++) times[i] = await OneAsync();
        // This process's own processor time per check (PostgreSQL's is not in it): what the check costs when nothing else runs.
        var cpuPerCheck = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / checks;
        Array.Sort(times);

        // The coverage dashboard counts in the database: the whole trust's figures, and one school's, each the median of five.
        async Task<double> CoverageAsync(Guid orgId)
        {
            var runs = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                await using var db = openDb(trust.Schools.Select(s => s.Id).Append(trust.Trust.Id).ToArray());
                var started = Stopwatch.GetTimestamp();
                await new ConsentCoverage(db, new ConsentPolicyService(db, new Policy.PolicySettingsService(db)), clock).ForAsync(orgId, ct);
                if (i > 0) runs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return runs.Order().ElementAt(runs.Count / 2);
        }
        var trustCoverage = await CoverageAsync(trust.Trust.Id);
        var schoolCoverage = await CoverageAsync(trust.Schools[0].Id);
        double At(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
        return new ConsentBenchmarkResult(trust.Schools.Count, trust.Pupils.Count, records, seeding, checks, GroupSize,
            At(0.50), At(0.95), At(0.99), times[^1], times.Average())
        {
            FloorP50 = floor[floor.Length / 2], FloorP99 = floor[Math.Min(floor.Length - 1, (int)Math.Ceiling(0.99 * floor.Length) - 1)],
            TrustCoverageMs = trustCoverage, SchoolCoverageMs = schoolCoverage, CpuPerCheckMs = cpuPerCheck,
            LoadAverage = File.Exists("/proc/loadavg") ? string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg", ct)).Split(' ').Take(3)) : "unknown",
        };
    }

    /// <summary>The large trust's consent, unless an earlier run gave it already.</summary>
    private static async Task<int> SeedAsync(Func<Guid[]?, SafeSocialDb> openDb, GeneratedTrust trust, DateOnly today, TimeProvider clock,
        Action<string>? log, CancellationToken ct)
    {
        var schoolIds = trust.Schools.Select(s => s.Id).ToList();
        await using (var db = openDb(null))
            if (await db.ConsentRecords.CountAsync(r => schoolIds.Contains(r.OrganisationId), ct) is var existing and > 0)
            {
                log?.Invoke($"The large trust already has {existing} consent records: not seeding again.");
                return existing;
            }
        var seeded = DemoConsent.For(trust, today, clock.GetUtcNow());
        foreach (var batch in seeded.Records.Chunk(BatchSize))
        {
            await using var db = openDb(null);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ConsentRecords.AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
        await using (var db = openDb(null))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.BiometricConsentRecords.AddRange(seeded.Biometric);
            await db.SaveChangesAsync(ct);
        }
        log?.Invoke($"Seeded {seeded.Records.Count} consent and {seeded.Biometric.Count} biometric records");
        return seeded.Records.Count;
    }
}
