using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Data;
using SafeSocial.Core.Demo;

namespace SafeSocial.Core.Roster;

/// <param name="FirstImportCpu">Processor time this process spent on the first import (the database server's is not included).</param>
public sealed record RosterBenchmarkResult(int Schools, int Pupils, int Parents, int Staff, TimeSpan WritingFiles, TimeSpan FirstImport,
    TimeSpan FirstImportCpu, TimeSpan ReImport, int FirstImportChanges, int ReImportChanges)
{
    public override string ToString() =>
        $"{Schools} schools, {Pupils} pupils, {Parents} parents, {Staff} staff: first import {FirstImport.TotalSeconds:F1} s "
        + $"({FirstImportChanges} changes, {FirstImportCpu.TotalSeconds:F1} s of processor time here), "
        + $"re-import {ReImport.TotalSeconds:F1} s ({ReImportChanges} changes); writing the files took {WritingFiles.TotalSeconds:F1} s";
}

/// <summary>
/// Measures the roster import at scale, for the benchmark: generates a trust, creates its organisations,
/// writes one OneRoster export per school, imports every school (each in its own transaction, as a school
/// business manager would), then imports them all again, which must change nothing.
/// </summary>
public static class RosterImportBenchmark
{
    /// <summary>The large trust (about 12,000 pupils and 20,000 parents in 30 schools) on the database at <paramref name="connectionString"/>.</summary>
    public static Task<RosterBenchmarkResult> RunAsync(string connectionString, string workFolder, Action<string>? log = null, CancellationToken ct = default) =>
        RunAsync(() => SystemContext(connectionString), workFolder, TrustSize.Large, TimeProvider.System, log, ct);

    private static SafeSocialDb SystemContext(string connectionString)
    {
        var scope = new OrganisationScope();
        scope.OpenForSystemWork();
        return new SafeSocialDb(new DbContextOptionsBuilder<SafeSocialDb>().UseNpgsql(connectionString).Options, scope, new AuditContext(), TimeProvider.System);
    }

    /// <param name="openDb">A new context opened for system work, on the database to measure.</param>
    /// <param name="workFolder">Where the CSV files are written; left for inspection.</param>
    public static async Task<RosterBenchmarkResult> RunAsync(Func<SafeSocialDb> openDb, string workFolder, TrustSize size, TimeProvider clock,
        Action<string>? log = null, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var trust = TrustGenerator.Generate("Benchmark Learning Trust", size, today, seed: 4242);
        // Roster ids unique to this run, so it can share a database with the demo trust or an earlier run.
        var run = Guid.NewGuid().ToString("N")[..8];
        trust.Trust.SourcedId = $"bench-{run}";
        foreach (var s in trust.Schools) s.SourcedId = $"bench-{run}-{s.SourcedId}";

        await using (var db = openDb())
        {
            db.Organisations.Add(trust.Trust);
            db.Organisations.AddRange(trust.Schools);
            await db.SaveChangesAsync(ct);
        }

        var watch = Stopwatch.StartNew();
        var folders = OneRosterWriter.WritePerSchool(workFolder, OneRosterExport.From(trust));
        var writing = watch.Elapsed;
        log?.Invoke($"Wrote {folders.Count} OneRoster exports to {workFolder} in {writing.TotalSeconds:F1} s");

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (first, firstChanges) = await ImportAllAsync(openDb, trust, folders, clock, log, ct);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var (again, againChanges) = await ImportAllAsync(openDb, trust, folders, clock, log, ct);
        return new RosterBenchmarkResult(trust.Schools.Count, trust.Pupils.Count, trust.Parents.Count, trust.Staff.Count, writing, first, cpu, again, firstChanges, againChanges);
    }

    private static async Task<(TimeSpan, int)> ImportAllAsync(Func<SafeSocialDb> openDb, GeneratedTrust trust, List<string> folders, TimeProvider clock,
        Action<string>? log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var changes = 0;
        for (var i = 0; i < folders.Count; i++)
        {
            await using var db = openDb();
            db.Audit.ActorName = "Roster import benchmark";
            var result = await new RosterImportService(db, clock).ApplyAsync(trust.Schools[i].Id, folders[i], new RosterImportOptions(), ct: ct);
            if (result.Outcome != RosterImportOutcome.Applied)
                throw new InvalidOperationException($"The import of {folders[i]} was not applied ({result.Outcome}): "
                    + string.Join("; ", result.Preview.Problems.Take(5).Select(p => $"{p.File}:{p.Line} {p.Message}")));
            changes += result.Preview.TotalChanges;
        }
        log?.Invoke($"Imported {folders.Count} schools in {watch.Elapsed.TotalSeconds:F1} s ({changes} changes)");
        return (watch.Elapsed, changes);
    }
}
