using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.People;

public sealed record PupilQuery(string? Search, string? YearGroup, Guid? ClassId, bool ShowLeavers, int Page);

public sealed record PupilRow(Guid Id, string KnownAs, string LegalName, string? YearGroup, string? ClassName, DateOnly? DateOfBirth, DateOnly? LeavingDate)
{
    public bool LegalNameDiffers => !string.Equals(KnownAs, LegalName, StringComparison.Ordinal);

    /// <summary>The photo consent badge, when the search was given the school's consent policy.</summary>
    public ConsentLevel? Consent { get; init; }
}

public sealed record ResultPage<T>(IReadOnlyList<T> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int First => Total == 0 ? 0 : (Page - 1) * PageSize + 1;
    public int Last => Math.Min(Total, Page * PageSize);
}

/// <param name="Label">The name, with teachers or code when another class has the same name.</param>
public sealed record ClassOption(Guid Id, string Name, string? YearGroup, string Label);

public sealed record PupilContact(string Name, string Relationship, bool HasParentalResponsibility, string? Email, string? Phone);

public sealed record PupilDetail(Guid Id, string LegalFirstName, string LegalLastName, string? PreferredFirstName, string? PreferredLastName,
    DateOnly? DateOfBirth, string? YearGroup, string? ClassName, DateOnly? AdmissionDate, DateOnly? LeavingDate, IReadOnlyList<PupilContact> Contacts)
{
    public string KnownAs => $"{PreferredFirstName ?? LegalFirstName} {PreferredLastName ?? LegalLastName}";
    public string LegalName => $"{LegalFirstName} {LegalLastName}";
}

/// <summary>Finding pupils in a school and reading one pupil's record (a read the audit trail records).</summary>
public sealed class PupilService(SafeSocialDb db, TimeProvider clock, IMemoryCache? cache = null)
{
    public const int PageSize = 50;

    /// <summary>How stale a school's class list may be when another instance changed its classes (this one forgets at once).</summary>
    public static readonly TimeSpan RememberClassesFor = TimeSpan.FromSeconds(15);
    private static long _classesGeneration;

    /// <summary>Whether saving this entity can change a school's class list.</summary>
    public static bool AffectsClasses(object entity) => entity is SchoolClass;

    public static void ClassesChanged() => Interlocked.Increment(ref _classesGeneration);

    /// <summary>
    /// One page query (and a count only when the results run past a page), projected and untracked: this is the busiest
    /// page in a school. Given the school's consent policy, the same query brings each listed pupil's consent records for the badge.
    /// </summary>
    public async Task<ResultPage<PupilRow>> SearchAsync(Guid schoolId, PupilQuery query, ConsentPolicy? consent = null, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var pupils = db.Pupils.AsNoTracking().Where(p => p.OrganisationId == schoolId);
        if (!query.ShowLeavers) pupils = pupils.Where(p => p.LeavingDate == null || p.LeavingDate > today);
        foreach (var word in SearchTerms.Words(query.Search))
        {
            var pattern = SearchTerms.Pattern(word);
            // A prepared (generic) plan would scan the whole trigram index for a word of one or two letters;
            // testing the school's own pupils one by one is far cheaper. SearchName is lower case already.
            pupils = word.Length >= SearchTerms.TrigramLength
                ? pupils.Where(p => EF.Functions.ILike(p.SearchName, pattern, "\\"))
#pragma warning disable CA2249 // Contains would become LIKE; IndexOf becomes strpos, which the index cannot serve.
                : pupils.Where(p => p.SearchName.IndexOf(word) >= 0);
#pragma warning restore CA2249
        }
        if (!string.IsNullOrEmpty(query.YearGroup)) pupils = pupils.Where(p => p.YearGroup == query.YearGroup);
        if (query.ClassId is { } classId) pupils = pupils.Where(p => p.ClassId == classId);

        // A search usually fits on its first page: then the page itself says how many there are, and no count is needed.
        var page = Math.Max(1, query.Page);
        var rows = await PageAsync(pupils, page, consent, today, ct);
        int total;
        if (rows.Count is > 0 and < PageSize || (rows.Count == 0 && page == 1)) total = (page - 1) * PageSize + rows.Count;
        else
        {
            total = await pupils.CountAsync(ct);
            var last = Math.Max(1, (total + PageSize - 1) / PageSize);
            if (page > last) rows = await PageAsync(pupils, page = last, consent, today, ct);
        }
        return new ResultPage<PupilRow>(rows, total, page, PageSize);
    }

    private Task<List<PupilRow>> PageAsync(IQueryable<Pupil> pupils, int page, ConsentPolicy? consent, DateOnly today, CancellationToken ct)
    {
        var paged = pupils
            .OrderBy(p => p.PreferredLastName ?? p.LegalLastName).ThenBy(p => p.PreferredFirstName ?? p.LegalFirstName).ThenBy(p => p.Id)
            .Skip((page - 1) * PageSize).Take(PageSize);
        if (consent is null)
            return paged.Select(p => new PupilRow(p.Id,
                    (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName),
                    p.LegalFirstName + " " + p.LegalLastName,
                    p.YearGroup, p.Class!.Name, p.DateOfBirth, p.LeavingDate))
                .ToListAsync(ct);
        return PageWithConsentAsync(paged, consent, today, ct);
    }

    /// <summary>
    /// The page's pupils each with their consent records, in one round trip instead of a second query for the badges: flat rows
    /// (a pupil, or a pupil with one record; cheaper to read than a nested collection), grouped here. The records are found
    /// through the pupil, as ConsentCheck finds them, and the badge is derived by the same rules (ConsentStanding).
    /// </summary>
    private async Task<List<PupilRow>> PageWithConsentAsync(IQueryable<Pupil> paged, ConsentPolicy consent, DateOnly today, CancellationToken ct)
    {
        var purposes = consent.Purposes.Select(p => p.Key).ToArray();
        var flat = await (
            from p in paged
            from r in db.ConsentRecords.Where(r => r.PupilId == p.Id && purposes.Contains(r.Purpose)).DefaultIfEmpty()
            orderby p.PreferredLastName ?? p.LegalLastName, p.PreferredFirstName ?? p.LegalFirstName, p.Id
            select new
            {
                p.Id,
                KnownAs = (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName),
                LegalName = p.LegalFirstName + " " + p.LegalLastName,
                p.YearGroup, ClassName = p.Class!.Name, p.DateOfBirth, p.LeavingDate,
                Purpose = r == null ? null : r.Purpose, Decision = (ConsentDecision?)r!.Decision, DecidedOn = (DateOnly?)r.DecidedOn,
                RecordedAt = (DateTimeOffset?)r.RecordedAt,
            }).ToListAsync(ct);
        // GroupBy keeps the order in which each pupil first appears: the query's.
        return flat.GroupBy(x => x.Id).Select(g =>
        {
            var p = g.First();
            var records = g.Where(x => x.Purpose is not null).Select(x => new ConsentRecord
            {
                PupilId = p.Id, Purpose = x.Purpose!, Decision = x.Decision!.Value, DecidedOn = x.DecidedOn!.Value, RecordedAt = x.RecordedAt!.Value,
                DecidedByName = "", RecordedBy = "",
            }).ToList();
            return new PupilRow(p.Id, p.KnownAs, p.LegalName, p.YearGroup, p.ClassName, p.DateOfBirth, p.LeavingDate)
            {
                Consent = ConsentRoster.Level(records, consent, today, p.LeavingDate),
            };
        }).ToList();
    }

    /// <summary>
    /// The school's classes, which also give the year groups to filter by. Every search shows them and they change only
    /// with the roster, so they are remembered briefly, as a person's access is: saving a class forgets them at once.
    /// </summary>
    public async Task<IReadOnlyList<ClassOption>> ClassesAsync(Guid schoolId, CancellationToken ct = default)
    {
        var key = (nameof(ClassesAsync), schoolId, Interlocked.Read(ref _classesGeneration));
        if (cache is not null && cache.TryGetValue(key, out IReadOnlyList<ClassOption>? remembered)) return remembered!;
        var classes = await db.SchoolClasses.AsNoTracking().Where(c => c.OrganisationId == schoolId)
            .Select(c => new { c.Id, c.Name, c.YearGroup, c.Teachers, c.Code }).ToListAsync(ct);
        var shared = SchoolClass.SharedNames(classes.Select(c => c.Name));
        IReadOnlyList<ClassOption> sorted = classes
            .Select(c => new ClassOption(c.Id, c.Name, c.YearGroup, SchoolClass.Label(c.Name, c.Teachers, c.Code, shared.Contains(c.Name))))
            .OrderBy(c => YearGroups.SortKey(c.YearGroup)).ThenBy(c => c.Label, StringComparer.CurrentCulture).ToList();
        cache?.Set(key, sorted, RememberClassesFor);
        return sorted;
    }

    /// <summary>A pupil's record with their parents and carers; the read is written to the audit trail. Null when not this school's.</summary>
    public async Task<PupilDetail?> ViewAsync(Guid schoolId, Guid pupilId, CancellationToken ct = default)
    {
        var pupil = await db.Pupils.AsNoTracking().Where(p => p.OrganisationId == schoolId && p.Id == pupilId)
            .Select(p => new
            {
                p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredFirstName, p.PreferredLastName, p.DateOfBirth, p.YearGroup,
                ClassName = p.Class!.Name, p.AdmissionDate, p.LeavingDate,
                Contacts = p.Parents.Select(l => new PupilContact(l.Parent!.FirstName + " " + l.Parent.LastName, l.Relationship,
                    l.HasParentalResponsibility, l.Parent.Email, l.Parent.Phone)).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (pupil is null) return null;

        db.RecordAction(schoolId, "Viewed", "Pupil", pupil.Id.ToString());
        await db.SaveChangesAsync(ct);
        var contacts = pupil.Contacts.OrderByDescending(c => c.HasParentalResponsibility).ThenBy(c => c.Name, StringComparer.CurrentCulture).ToList();
        return new PupilDetail(pupil.Id, pupil.LegalFirstName, pupil.LegalLastName, pupil.PreferredFirstName, pupil.PreferredLastName,
            pupil.DateOfBirth, pupil.YearGroup, pupil.ClassName, pupil.AdmissionDate, pupil.LeavingDate, contacts);
    }
}
