using System.Data;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Audit;

/// <summary>The outcome of checking one organisation's trail.</summary>
public sealed record AuditVerification(Guid OrganisationId, string OrganisationName, long EntriesChecked, AuditBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;

    public string Summary => Intact
        ? $"{OrganisationName}: intact ({EntriesChecked} {(EntriesChecked == 1 ? "entry" : "entries")} checked)"
        : $"{OrganisationName}: BROKEN at entry {FirstBreak!.Sequence}{(FirstBreak.EntryId is { } id ? $" (id {id})" : "")}. {FirstBreak.Problem}";
}

/// <summary>
/// Checks audit trails against their hash chain and recorded end. Entries are read in pages, without
/// tracking, inside one read-only snapshot, so a trail of millions is checked in little memory and
/// entries written meanwhile neither count nor raise a false alarm.
/// </summary>
public sealed class AuditVerifier(SafeSocialDb db)
{
    public const string SystemTrailName = "System (sign-in accounts)";
    private const int PageSize = 2000;

    public async Task<AuditVerification> VerifyAsync(Guid organisationId, CancellationToken ct = default)
    {
        var org = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return await VerifyAsync(organisationId, org ?? NameOf(organisationId), mustHaveEntries: org is not null, ct);
    }

    /// <summary>A trust's own trail, then each of its schools' trails; a school's alone otherwise.</summary>
    public async Task<IReadOnlyList<AuditVerification>> VerifyWithSchoolsAsync(Guid organisationId, CancellationToken ct = default)
    {
        var orgs = await db.Organisations
            .Where(o => o.Id == organisationId || o.TrustId == organisationId)
            .OrderBy(o => o.Id != organisationId).ThenBy(o => o.Name)
            .Select(o => new { o.Id, o.Name })
            .ToListAsync(ct);
        var results = new List<AuditVerification>();
        foreach (var o in orgs) results.Add(await VerifyAsync(o.Id, o.Name, mustHaveEntries: true, ct));
        return results;
    }

    /// <summary>Every trail in the database: the system's, every organisation's, and any trail left by an organisation no longer listed.</summary>
    public async Task<IReadOnlyList<AuditVerification>> VerifyAllAsync(CancellationToken ct = default)
    {
        var orgs = (await db.Organisations.IgnoreQueryFilters().Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(ct))
            .OrderBy(o => o.Kind != Organisation.OrganisationKind.Trust).ThenBy(o => o.Name).ToList();
        var known = orgs.Select(o => o.Id).ToHashSet();
        var others = (await db.AuditChainHeads.Select(h => h.OrganisationId).ToListAsync(ct))
            .Concat(await TrailOwnersAsync(ct))
            .Where(id => id != Guid.Empty && !known.Contains(id))
            .Distinct().Order().ToList();

        var results = new List<AuditVerification> { await VerifyAsync(Guid.Empty, SystemTrailName, mustHaveEntries: false, ct) };
        foreach (var o in orgs) results.Add(await VerifyAsync(o.Id, o.Name, mustHaveEntries: true, ct));
        foreach (var id in others) results.Add(await VerifyAsync(id, NameOf(id), mustHaveEntries: false, ct));
        return results;
    }

    private async Task<AuditVerification> VerifyAsync(Guid organisationId, string name, bool mustHaveEntries, CancellationToken ct)
    {
        // One snapshot for the head and every page: a trail growing meanwhile is checked as it was.
        await using var tx = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
            : null;
        if (tx is not null) await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);

        var head = await db.AuditChainHeads.AsNoTracking().FirstOrDefaultAsync(h => h.OrganisationId == organisationId, ct);
        var walk = new AuditChainWalk(head, mustHaveEntries);
        var result = await WalkAsync(organisationId, walk, ct) ?? walk.Finish();
        if (tx is not null) await tx.CommitAsync(ct);
        return new AuditVerification(organisationId, name, walk.Checked, result);
    }

    private async Task<AuditBreak?> WalkAsync(Guid organisationId, AuditChainWalk walk, CancellationToken ct)
    {
        // Pages by sequence; ">=" and skipping what was seen keeps a repeated number on a page boundary in view.
        long fromSequence = long.MinValue, lastId = long.MinValue;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(a => a.OrganisationId == organisationId && a.Sequence >= fromSequence)
                .OrderBy(a => a.Sequence).ThenBy(a => a.Id)
                .Take(PageSize)
                .ToListAsync(ct);
            var fresh = page.Where(a => a.Sequence > fromSequence || a.Id > lastId).ToList();
            if (fresh.Count == 0) return null;
            foreach (var entry in fresh)
                if (walk.Next(entry) is { } broken) return broken;
            (fromSequence, lastId) = (fresh[^1].Sequence, fresh[^1].Id);
            if (page.Count < PageSize) return null;
        }
    }

    /// <summary>The organisations that have entries, found by skipping along the index rather than reading every row.</summary>
    private Task<List<Guid>> TrailOwnersAsync(CancellationToken ct) => db.Database.SqlQueryRaw<Guid>("""
        WITH RECURSIVE owners AS (
            (SELECT "OrganisationId" AS id FROM "AuditEntries" ORDER BY "OrganisationId" LIMIT 1)
            UNION ALL
            SELECT (SELECT a."OrganisationId" FROM "AuditEntries" a WHERE a."OrganisationId" > owners.id ORDER BY a."OrganisationId" LIMIT 1)
            FROM owners WHERE owners.id IS NOT NULL)
        SELECT id AS "Value" FROM owners WHERE id IS NOT NULL
        """).ToListAsync(ct);

    private static string NameOf(Guid organisationId) =>
        organisationId == Guid.Empty ? SystemTrailName : $"Unknown organisation {organisationId}";
}
