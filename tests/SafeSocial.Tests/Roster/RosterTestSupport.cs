using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Roster;

/// <summary>A fresh database with one school to import into, and helpers to import and to read what is there.</summary>
public sealed class RosterSchool
{
    public static readonly DateTimeOffset Today = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public required TestDb Db { get; init; }
    public required Org School { get; init; }
    public FakeClock Clock => (FakeClock)Db.Clock;
    public DateOnly TodayDate => DateOnly.FromDateTime(Clock.Now.UtcDateTime);

    public static async Task<RosterSchool> CreateAsync(PostgresServer server, string? sourcedId = null, string name = "Larkrise Primary School")
    {
        var db = await TestDb.CreateAsync(server, new FakeClock(Today));
        var trust = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.Trust, Name = "Heron Learning Trust", SourcedId = "trust-heron" };
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = name, TrustId = trust.Id, SourcedId = sourcedId };
        await using var ctx = db.System();
        ctx.Organisations.AddRange(trust, school);
        await ctx.SaveChangesAsync(Ct);
        return new RosterSchool { Db = db, School = school };
    }

    public async Task<RosterPreview> PreviewAsync(string path, RosterImportOptions? options = null)
    {
        await using var ctx = Db.LimitedTo(School.Id);
        return await new RosterImportService(ctx, Db.Clock).PreviewAsync(School.Id, path, options ?? new RosterImportOptions(), ct: Ct);
    }

    public async Task<RosterImportResult> ApplyAsync(string path, RosterImportOptions? options = null, string? fingerprint = null)
    {
        await using var ctx = Db.LimitedTo(School.Id);
        ctx.Audit.ActorName = "Test importer";
        return await new RosterImportService(ctx, Db.Clock).ApplyAsync(School.Id, path, options ?? new RosterImportOptions(), fingerprint, ct: Ct);
    }

    public async Task<RosterImportResult> ApplyCleanAsync(string path, RosterImportOptions? options = null)
    {
        var result = await ApplyAsync(path, options);
        Assert.True(result.Outcome == RosterImportOutcome.Applied, Describe(result.Preview));
        return result;
    }

    public async Task<List<Pupil>> PupilsAsync()
    {
        await using var ctx = Db.System();
        return await ctx.Pupils.Include(p => p.Class).Include(p => p.Parents).ThenInclude(l => l.Parent).Where(p => p.OrganisationId == School.Id).ToListAsync(Ct);
    }

    public async Task<List<StaffMember>> StaffAsync()
    {
        await using var ctx = Db.System();
        return await ctx.StaffMembers.Where(p => p.OrganisationId == School.Id).ToListAsync(Ct);
    }

    public async Task<List<Parent>> ParentsAsync()
    {
        await using var ctx = Db.System();
        return await ctx.Parents.Include(p => p.Children).Where(p => p.OrganisationId == School.Id).ToListAsync(Ct);
    }

    public async Task<int> AuditCountAsync()
    {
        await using var ctx = Db.System();
        return await ctx.AuditEntries.CountAsync(a => a.OrganisationId == School.Id, Ct);
    }

    public static string Describe(RosterPreview p) =>
        $"{p.ErrorCount} errors: " + string.Join(" | ", p.Problems.Take(12).Select(x => $"{x.Severity} {x.File}:{x.Line}:{x.Column} {x.Message}"));
}

public static class RosterFixtures
{
    // Every temporary folder of this test run, deleted when the run ends.
    private static readonly string Root = CreateRoot();

    private static string CreateRoot()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"safesocial-roster-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return root;
    }

    /// <summary>The fixture folder copied to the test output.</summary>
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Roster", "Fixtures", name);

    /// <summary>A copy of a fixture in a temporary folder, to change for one test.</summary>
    public static string Copy(string name)
    {
        var target = TempFolder();
        foreach (var f in Directory.GetFiles(Path(name))) File.Copy(f, System.IO.Path.Combine(target, System.IO.Path.GetFileName(f)));
        return target;
    }

    public static void Edit(string folder, string file, Func<string, string> change)
    {
        var path = System.IO.Path.Combine(folder, file);
        File.WriteAllText(path, change(File.ReadAllText(path)));
    }

    public static string WithoutLinesContaining(string text, string part) =>
        string.Join('\n', text.Split('\n').Where(l => !l.Contains(part, StringComparison.Ordinal)));

    /// <summary>Takes every line that mentions a person out of every file, as if the MIS no longer had them.</summary>
    public static void Remove(string folder, string part)
    {
        foreach (var f in Directory.GetFiles(folder, "*.csv")) Edit(folder, System.IO.Path.GetFileName(f), t => WithoutLinesContaining(t, part));
    }

    public static string TempFolder()
    {
        var target = System.IO.Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        return target;
    }
}
