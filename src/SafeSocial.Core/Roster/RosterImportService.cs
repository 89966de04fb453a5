using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Roster;

/// <param name="SchoolSourcedId">Which organisation in the files is this school, when the school has no roster id yet.</param>
/// <param name="ActingUserId">The person importing, so the import cannot make them a leaver and lock them out.</param>
public sealed record RosterImportOptions(string? SchoolSourcedId = null, Guid? ActingUserId = null);

public enum RosterImportOutcome { Applied, HasErrors, NeedsSchool, ChangedSincePreview }

public sealed record RosterImportResult(RosterImportOutcome Outcome, RosterPreview Preview);

/// <summary>
/// Imports a school's roster from OneRoster 1.1/1.2 or School Data Sync v2.1 CSV files: a preview first,
/// then an apply that reads the files again, checks that they still plan the same changes, and writes them
/// in one audited transaction.
/// </summary>
public sealed class RosterImportService(SafeSocialDb db, TimeProvider clock)
{
    /// <summary>What importing the files at <paramref name="path"/> (a zip or a folder) would do. Writes nothing.</summary>
    public async Task<RosterPreview> PreviewAsync(Guid schoolId, string path, RosterImportOptions options,
        IProgress<RosterProgress>? progress = null, CancellationToken ct = default) =>
        (await PlanAsync(schoolId, path, options, new RosterStageProgress(progress, 0, 95), ct)).Preview;

    /// <summary>Applies the import when it has no errors and, given <paramref name="expectedFingerprint"/>, still matches the preview.</summary>
    public async Task<RosterImportResult> ApplyAsync(Guid schoolId, string path, RosterImportOptions options, string? expectedFingerprint = null,
        IProgress<RosterProgress>? progress = null, CancellationToken ct = default)
    {
        // Reading and comparing take about a third of the time of a large apply; saving the rest.
        var plan = await PlanAsync(schoolId, path, options, new RosterStageProgress(progress, 0, 30), ct);
        var preview = plan.Preview;
        if (preview.ErrorCount > 0) return new RosterImportResult(RosterImportOutcome.HasErrors, preview);
        if (!preview.CanApply) return new RosterImportResult(RosterImportOutcome.NeedsSchool, preview);
        if (expectedFingerprint is not null && expectedFingerprint != preview.Fingerprint)
            return new RosterImportResult(RosterImportOutcome.ChangedSincePreview, preview);
        db.Audit.Reason = $"Roster import {preview.Files}";
        await RosterApplier.ApplyAsync(db, schoolId, plan, new RosterStageProgress(progress, 30, 100), ct);
        return new RosterImportResult(RosterImportOutcome.Applied, preview);
    }

    private async Task<RosterPlan> PlanAsync(Guid schoolId, string path, RosterImportOptions options, IProgress<RosterProgress>? progress, CancellationToken ct)
    {
        var school = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == schoolId, ct);
        if (!school.IsSchool) throw new InvalidOperationException("A roster is imported into a school, not a trust.");
        var problems = new RosterProblems();
        using var files = RosterFiles.Open(path, problems);
        var preview = new RosterPreview { Files = files.Description };
        var data = problems.HasErrors && !files.Names.Any() ? null : RosterReader.ReadFiles(files, problems, progress, ct);
        var plan = new RosterPlan(preview);
        if (data is not null)
        {
            preview.Format = data.Format;
            preview.Mode = data.Mode;
            preview.RowsRead = data.RowsRead;
            preview.Notes.AddRange(data.Notes);
            plan = await PlanSchoolAsync(school, data, options, problems, preview, progress, ct);
        }
        preview.Problems = problems.Kept.ToList();
        preview.ErrorCount = problems.ErrorCount;
        preview.WarningCount = problems.WarningCount;
        preview.ProblemsNotShown = problems.NotKept;
        return plan;
    }

    private async Task<RosterPlan> PlanSchoolAsync(Organisation.Organisation school, RosterData data, RosterImportOptions options,
        RosterProblems problems, RosterPreview preview, IProgress<RosterProgress>? progress, CancellationToken ct)
    {
        var plan = new RosterPlan(preview);
        var sid = school.SourcedId ?? options.SchoolSourcedId;
        if (sid is null && data.Orgs.Count == 0)
        {
            problems.Error("orgs.csv", "orgs.csv lists no organisations, so SafeSocial cannot tell which rows are this school's. Export orgs.csv again.");
            return plan;
        }
        if (sid is null)
        {
            // The person says which organisation in the file is this school; it is saved with the import.
            preview.SchoolChoices = data.Orgs.Values
                .OrderBy(o => string.Equals(o.Type, "school", StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(o => o.Name)
                .Select(o => new RosterSchoolChoice(o.SourcedId, o.Name, o.Type)).ToList();
            return plan;
        }
        if (!data.Orgs.ContainsKey(sid))
        {
            var schools = data.Orgs.Values.Where(o => string.Equals(o.Type, "school", StringComparison.OrdinalIgnoreCase)).Select(o => $"{o.Name} ({o.SourcedId})").Take(10).ToList();
            problems.Error("orgs.csv", $"These files do not include {school.Name}: no organisation in orgs.csv has its roster id \"{sid}\"."
                + (schools.Count > 0 ? $" The files hold {string.Join(", ", schools)}." : "") + " Check that this is your school's export.");
            return plan;
        }
        if (school.SourcedId is null)
        {
            var taken = await db.Organisations.IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.Id != school.Id && o.SourcedId == sid && (o.TrustId == school.TrustId || o.Id == school.TrustId))
                .Select(o => o.Name).FirstOrDefaultAsync(ct);
            if (taken is not null)
                problems.Error("orgs.csv", $"{taken} already has the roster id \"{sid}\", so it cannot be {school.Name}'s too. Choose the organisation in the file that is {school.Name}.");
            preview.SchoolSourcedIdIsNew = true;
            plan.NewSchoolSourcedId = sid;
        }
        preview.SchoolSourcedId = sid;

        progress?.Report(new RosterProgress("Comparing with SafeSocial's records", 1, 1, data.RowsRead));
        var existing = await LoadAsync(school.Id, ct);
        var known = new KnownIds(Ids(existing.Pupils.Select(p => p.SourcedId)), Ids(existing.Parents.Select(p => p.SourcedId)), Ids(existing.Classes.Select(c => c.SourcedId)));
        var scope = RosterScope.Build(data, sid, problems, known);
        // Compared with broken files, the school's records would seem to have changed wholesale: say only what to fix.
        if (problems.HasErrors) return plan;
        var today = UkTime.Today(clock);
        var planned = RosterPlanner.Plan(data, scope, existing, school.Id, today, options.ActingUserId, problems, preview);
        planned.NewSchoolSourcedId = plan.NewSchoolSourcedId;
        return planned;
    }

    private static HashSet<string> Ids(IEnumerable<string?> ids) => ids.Where(i => i is not null).Select(i => i!).ToHashSet(StringComparer.Ordinal);

    private async Task<ExistingRoster> LoadAsync(Guid schoolId, CancellationToken ct) => new(
        await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == schoolId).ToListAsync(ct),
        await db.StaffMembers.AsNoTracking().Where(s => s.OrganisationId == schoolId).ToListAsync(ct),
        await db.Parents.AsNoTracking().Where(p => p.OrganisationId == schoolId).ToListAsync(ct),
        await db.PupilParents.AsNoTracking().Where(l => l.OrganisationId == schoolId).ToListAsync(ct),
        await db.SchoolClasses.AsNoTracking().Where(c => c.OrganisationId == schoolId).ToListAsync(ct));
}
