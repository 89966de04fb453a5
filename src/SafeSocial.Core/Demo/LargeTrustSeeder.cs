using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Demo;

/// <summary>What the benchmark needs to know about the large trust it seeded.</summary>
public sealed record LargeTrust(Guid SchoolId, Guid PupilId, string SearchTerm, string Email, string Password,
    int Schools, int Pupils, int Parents, int Staff, TimeSpan Took)
{
    /// <summary>One "name: value" a line, for bench/run to read.</summary>
    public override string ToString() => string.Join(Environment.NewLine,
        $"Seeded the large trust in {Took.TotalSeconds:F1} s: {Schools} schools, {Pupils} pupils, {Parents} parents, {Staff} staff",
        $"school-id: {SchoolId}", $"pupil-id: {PupilId}", $"search-term: {SearchTerm}", $"email: {Email}", $"password: {Password}");
}

/// <summary>
/// The benchmark's trust: 30 schools, about 12,000 pupils, 20,000 parents and 1,500 staff, inserted in
/// batches (change detection off, a fresh context per batch, every row audited as always), plus a teacher
/// in the first school to sign in as. A teacher sees pupils and their details without needing two-factor.
/// </summary>
public static class LargeTrustSeeder
{
    public const string TrustName = "Heron Valley Learning Trust";
    public const string Email = "bench.teacher@large.safesocial.test";
    public const string Password = "heron valley benchmark 2026";
    private const int BatchSize = 2_000;

    /// <param name="openDb">A new context opened for system work.</param>
    public static async Task<LargeTrust> SeedAsync(Func<SafeSocialDb> openDb, UserManager<AppUser> users, TimeProvider clock, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        // It signs in with a password printed on the console: never beside a real school's records.
        await using (var db = openDb())
            if (await db.Organisations.AnyAsync(o => o.Name != DemoSeeder.TrustName && (o.Trust == null || o.Trust.Name != DemoSeeder.TrustName), ct))
                throw new InvalidOperationException(
                    "seed-large-trust adds a fictional trust with a known password, so it runs only on an empty database (or one holding just the demo trust): use a new data folder.");

        var today = UkTime.Today(clock);
        var g = TrustGenerator.Generate(TrustName, TrustSize.Large, today, seed: 30);
        // Roster ids of its own, so the large trust can share a database with the demo trust.
        g.Trust.SourcedId = "large-" + g.Trust.SourcedId;
        foreach (var school in g.Schools) school.SourcedId = "large-" + school.SourcedId;

        await InsertAsync(openDb, g.Schools.Prepend(g.Trust).ToList(), ct);
        await InsertAsync(openDb, g.Classes, ct);
        await InsertAsync(openDb, g.Staff, ct);
        await InsertAsync(openDb, g.Pupils, ct);
        await InsertAsync(openDb, g.Parents, ct);
        await InsertAsync(openDb, g.Links, ct);

        var first = g.Schools[0];
        await AddTeacherAsync(openDb, users, first.Id, today, ct);
        var pupil = g.Pupils.First(p => p.OrganisationId == first.Id);
        return new LargeTrust(first.Id, pupil.Id, pupil.LegalLastName, Email, Password,
            g.Schools.Count, g.Pupils.Count, g.Parents.Count, g.Staff.Count, watch.Elapsed);
    }

    private static async Task InsertAsync<T>(Func<SafeSocialDb> openDb, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await using var db = openDb();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Set<T>().AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task AddTeacherAsync(Func<SafeSocialDb> openDb, UserManager<AppUser> users, Guid schoolId, DateOnly today, CancellationToken ct)
    {
        var user = new AppUser { Id = Guid.NewGuid(), UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Benchmark Teacher" };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await using var db = openDb();
        var staff = new StaffMember
        {
            Id = Guid.NewGuid(), OrganisationId = schoolId, FirstName = "Benchmark", LastName = "Teacher", Email = Email,
            JobTitle = "Class teacher", SourcedId = "large-bench-teacher", StartDate = today, UserId = user.Id,
        };
        db.StaffMembers.Add(staff);
        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = schoolId, StaffMemberId = staff.Id, Role = Role.Teacher });
        await db.SaveChangesAsync(ct);
    }
}
