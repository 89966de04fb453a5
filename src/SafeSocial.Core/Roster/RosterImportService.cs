using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Roster;

/// <param name="SchoolSourcedId">Which school in the files is this school, as the person chose it; it replaces the school's roster id when applied.</param>
/// <param name="ActingUserId">The person importing, so the import cannot make them a leaver and lock them out.</param>
/// <param name="SchoolConfirmed">The person confirmed a choice that replaces the school's roster id, or shares another school's.</param>
public sealed record RosterImportOptions(string? SchoolSourcedId = null, Guid? ActingUserId = null, bool SchoolConfirmed = false);

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
        if (!preview.CanApply || (preview.SchoolNeedsConfirming && !options.SchoolConfirmed)) return new RosterImportResult(RosterImportOutcome.NeedsSchool, preview);
        if (expectedFingerprint is not null && expectedFingerprint != preview.Fingerprint)
            return new RosterImportResult(RosterImportOutcome.ChangedSincePreview, preview);
        db.Audit.Reason = $"Roster import {preview.Files}"
            + (plan.NewSchoolSourcedId is { } sid ? $"; the school is \"{sid}\" in these files" + (preview.PreviousSchoolSourcedId is { } was ? $" (was \"{was}\")" : "") : "");
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
        if (await ChooseSchoolAsync(school, data, options, problems, preview, ct) is not { } sid) return plan;
        if (sid != school.SourcedId) plan.NewSchoolSourcedId = sid;

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

    /// <summary>
    /// Which organisation in the files is this school: the one the person chose, else the school's roster id.
    /// Null when the person must choose (the preview lists the schools in the files; a district or ministry
    /// is never offered) or the choice is not a school in the files (an error says so).
    /// </summary>
    private async Task<string?> ChooseSchoolAsync(Organisation.Organisation school, RosterData data, RosterImportOptions options,
        RosterProblems problems, RosterPreview preview, CancellationToken ct)
    {
        var schools = data.Orgs.Values.Where(o => o.Type is null || string.Equals(o.Type, "school", StringComparison.OrdinalIgnoreCase)).ToList();
        var ids = schools.Select(o => o.SourcedId).ToList();
        var elsewhere = await db.Organisations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Id != school.Id && o.SourcedId != null && ids.Contains(o.SourcedId) && (o.TrustId == school.TrustId || o.Id == school.TrustId) && school.TrustId != null)
            .Select(o => new { o.SourcedId, o.Name }).ToListAsync(ct);
        preview.SchoolChoices = schools.OrderBy(o => o.Name, StringComparer.CurrentCulture)
            .Select(o => new RosterSchoolChoice(o.SourcedId, o.Name, o.Type, elsewhere.FirstOrDefault(e => e.SourcedId == o.SourcedId)?.Name)).ToList();

        if (options.SchoolSourcedId is { } chosen && preview.SchoolChoices.All(c => c.SourcedId != chosen))
        {
            problems.Error("orgs.csv", data.Orgs.TryGetValue(chosen, out var org)
                ? $"{org.Name} is a {org.Type} in these files, not a school, so it cannot be {school.Name}. Choose a school."
                : $"These files have no school with the roster id \"{chosen}\". Upload the files again and choose the school.");
            return null;
        }
        var sid = options.SchoolSourcedId ?? school.SourcedId;
        if (sid is null || !data.Orgs.ContainsKey(sid))
        {
            if (schools.Count == 0)
                problems.Error(data.Format is RosterFormat.SchoolDataSyncClassic or RosterFormat.SchoolDataSyncClassicUk ? "School.csv" : "orgs.csv",
                    $"The files list no school (only {string.Join(", ", data.Orgs.Values.Select(o => $"{o.Name}, a {o.Type}").DefaultIfEmpty("nothing"))}), so SafeSocial cannot tell which rows are {school.Name}'s. Export the school's roster again.");
            preview.SchoolNotInFiles = school.SourcedId;
            return null;
        }
        preview.SchoolSourcedId = sid;
        if (sid == school.SourcedId) return sid;
        preview.SchoolSourcedIdIsNew = true;
        preview.PreviousSchoolSourcedId = school.SourcedId;
        preview.SchoolSourcedIdAlsoOf = preview.SchoolChoices.First(c => c.SourcedId == sid).AlsoOf;
        return sid;
    }

    private static HashSet<string> Ids(IEnumerable<string?> ids) => ids.Where(i => i is not null).Select(i => i!).ToHashSet(StringComparer.Ordinal);

    private async Task<ExistingRoster> LoadAsync(Guid schoolId, CancellationToken ct) => new(
        await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == schoolId).ToListAsync(ct),
        await db.StaffMembers.AsNoTracking().Where(s => s.OrganisationId == schoolId).ToListAsync(ct),
        await db.Parents.AsNoTracking().Where(p => p.OrganisationId == schoolId).ToListAsync(ct),
        await db.PupilParents.AsNoTracking().Where(l => l.OrganisationId == schoolId).ToListAsync(ct),
        await db.SchoolClasses.AsNoTracking().Where(c => c.OrganisationId == schoolId).ToListAsync(ct),
        await db.ClassTeachers.AsNoTracking().Where(t => t.OrganisationId == schoolId).ToListAsync(ct));
}
