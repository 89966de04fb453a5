using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Consent;

/// <summary>How many pupils on roll stand where on one purpose: given, no answer, withdrawn or lapsed, not given.</summary>
public sealed record CoverageCounts(int Given, int NoAnswer, int WithdrawnOrLapsed, int NotGiven)
{
    public static readonly CoverageCounts Zero = new(0, 0, 0, 0);
    public int Pupils => Given + NoAnswer + WithdrawnOrLapsed + NotGiven;

    public static CoverageCounts operator +(CoverageCounts a, CoverageCounts b) =>
        new(a.Given + b.Given, a.NoAnswer + b.NoAnswer, a.WithdrawnOrLapsed + b.WithdrawnOrLapsed, a.NotGiven + b.NotGiven);

    /// <summary>A whole-number percentage of the pupils (0 when there are none).</summary>
    public int Percent(int part) => Pupils == 0 ? 0 : (int)Math.Round(100.0 * part / Pupils, MidpointRounding.AwayFromZero);
}

/// <summary>One school's figures: per purpose it offers, for the whole school and per year group.</summary>
public sealed record SchoolCoverage(Guid SchoolId, string SchoolName, ConsentPolicy Policy,
    IReadOnlyDictionary<string, CoverageCounts> ByPurpose, IReadOnlyDictionary<string, IReadOnlyList<(string? YearGroup, CoverageCounts Counts)>> ByYearGroup);

/// <summary>The dashboard's figures for a school, or for each school of a trust.</summary>
public sealed record CoverageReport(IReadOnlyList<ConsentPurpose> Purposes, IReadOnlyList<SchoolCoverage> Schools)
{
    /// <summary>The purpose's counts over every school that asks about it.</summary>
    public CoverageCounts Total(string purpose) =>
        Schools.Where(s => s.ByPurpose.ContainsKey(purpose)).Aggregate(CoverageCounts.Zero, (sum, s) => sum + s.ByPurpose[purpose]);
}

/// <summary>
/// Consent coverage counted in the database: each pupil's latest decision per purpose, classified and counted
/// per school, year group and purpose in one query, so a trust of 12,000 pupils needs no pupil in memory.
/// </summary>
public sealed class ConsentCoverage(SafeSocialDb db, ConsentPolicyService policies, TimeProvider clock)
{
    private sealed record Row(Guid SchoolId, string? YearGroup, string Purpose, int Given, int NoAnswer, int WithdrawnOrLapsed, int NotGiven);

    public async Task<CoverageReport> ForAsync(Guid orgId, CancellationToken ct = default)
    {
        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == orgId).Select(o => new { o.Id, o.Name, o.Kind }).SingleAsync(ct);
        var schools = org.Kind == OrganisationKind.School
            ? [(org.Id, org.Name)]
            : (await db.Organisations.AsNoTracking().Where(o => o.TrustId == orgId && o.Kind == OrganisationKind.School)
                .Select(o => new { o.Id, o.Name }).ToListAsync(ct)).OrderBy(s => s.Name, StringComparer.CurrentCulture).Select(s => (s.Id, s.Name)).ToList();
        var all = await policies.ForManyAsync(schools.Select(s => s.Id).Append(orgId).ToList(), ct);
        var own = all[orgId];
        var schoolPolicies = schools.ToDictionary(s => s.Id, s => all[s.Id]);

        var today = UkTime.Today(clock);
        var rows = await CountAsync(schools.Select(s => s.Id).ToArray(), schoolPolicies, today, ct);
        var purposes = own.Purposes.Concat(schoolPolicies.Values.SelectMany(p => p.Purposes)).DistinctBy(p => p.Key).ToList();
        return new CoverageReport(purposes, schools.Select(s =>
        {
            var policy = schoolPolicies[s.Id];
            var mine = rows.Where(r => r.SchoolId == s.Id && policy.HasPurpose(r.Purpose)).ToList();
            var byPurpose = policy.Purposes.ToDictionary(p => p.Key, p => mine.Where(r => r.Purpose == p.Key).Aggregate(CoverageCounts.Zero, (sum, r) => sum + Counts(r)));
            var byYear = policy.Purposes.ToDictionary(p => p.Key, p => (IReadOnlyList<(string?, CoverageCounts)>)mine.Where(r => r.Purpose == p.Key)
                .OrderBy(r => YearGroups.SortKey(r.YearGroup)).ThenBy(r => r.YearGroup, StringComparer.Ordinal)
                .Select(r => (r.YearGroup, Counts(r))).ToList());
            return new SchoolCoverage(s.Id, s.Name, policy, byPurpose, byYear);
        }).ToList());
    }

    private static CoverageCounts Counts(Row r) => new(r.Given, r.NoAnswer, r.WithdrawnOrLapsed, r.NotGiven);

    private async Task<List<Row>> CountAsync(Guid[] schoolIds, Dictionary<Guid, ConsentPolicy> policies, DateOnly today, CancellationToken ct)
    {
        if (schoolIds.Length == 0) return [];
        var purposes = policies.Values.SelectMany(p => p.Purposes).Select(p => p.Key).Distinct().ToArray();
        // Under "per academic year" a consent given before this September has lapsed (ConsentPolicy.LastValidDay).
        var yearlySchools = policies.Where(p => p.Value.Validity == ConsentValidity.AcademicYear).Select(p => p.Key).ToArray();
        var yearStart = new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);
        // The latest decision per pupil and purpose, as ConsentStanding.Derive picks it (decision day, then entry time),
        // counted per school, year group and purpose for pupils on roll (a leaver's consent lapsed on leaving); "no answer"
        // is the year group's roll less those who answered, so no row is made per pupil per purpose. The sort of a trust's
        // records (75,000 at the large-trust scale) gets the memory to stay off the disk.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '32MB'", ct);
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH latest AS (
                SELECT DISTINCT ON (r."PupilId", r."Purpose") r."PupilId", r."Purpose", r."Decision", r."DecidedOn"
                FROM "ConsentRecords" r
                WHERE r."OrganisationId" = ANY({schoolIds}) AND r."Purpose" = ANY({purposes}) AND r."DecidedOn" <= {today}
                ORDER BY r."PupilId", r."Purpose", r."DecidedOn" DESC, r."RecordedAt" DESC
            ), onroll AS (
                SELECT p."Id", p."OrganisationId", p."YearGroup", p."OrganisationId" = ANY({yearlySchools}) AS yearly
                FROM "Pupils" p
                WHERE p."OrganisationId" = ANY({schoolIds}) AND (p."LeavingDate" IS NULL OR p."LeavingDate" > {today})
            ), answered AS (
                SELECT p."OrganisationId", p."YearGroup", l."Purpose",
                    count(*) FILTER (WHERE l."Decision" = 'Given' AND NOT (p.yearly AND l."DecidedOn" < {yearStart})) AS given,
                    count(*) FILTER (WHERE l."Decision" = 'Withdrawn' OR (l."Decision" = 'Given' AND p.yearly AND l."DecidedOn" < {yearStart})) AS withdrawn,
                    count(*) FILTER (WHERE l."Decision" = 'Refused') AS refused
                FROM latest l JOIN onroll p ON p."Id" = l."PupilId"
                GROUP BY p."OrganisationId", p."YearGroup", l."Purpose"
            ), roll AS (
                SELECT "OrganisationId", "YearGroup", count(*) AS pupils FROM onroll GROUP BY "OrganisationId", "YearGroup"
            )
            SELECT r."OrganisationId" AS "SchoolId", r."YearGroup" AS "YearGroup", k.purpose AS "Purpose",
                coalesce(a.given, 0)::int AS "Given",
                (r.pupils - coalesce(a.given + a.withdrawn + a.refused, 0))::int AS "NoAnswer",
                coalesce(a.withdrawn, 0)::int AS "WithdrawnOrLapsed",
                coalesce(a.refused, 0)::int AS "NotGiven"
            FROM roll r
            CROSS JOIN unnest({purposes}) AS k(purpose)
            LEFT JOIN answered a ON a."OrganisationId" = r."OrganisationId" AND a."YearGroup" IS NOT DISTINCT FROM r."YearGroup" AND a."Purpose" = k.purpose
            """).ToListAsync(ct);
        await transaction.CommitAsync(ct);
        return rows;
    }
}
