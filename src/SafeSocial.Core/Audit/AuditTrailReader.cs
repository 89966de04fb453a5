using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Audit;

/// <summary>What the audit page is narrowed to; every part is optional. Dates are UK calendar days, both inclusive.</summary>
public sealed record AuditFilter(string? Who = null, string? RecordType = null, string? Action = null, DateOnly? From = null, DateOnly? To = null);

public sealed record AuditTrailPage(IReadOnlyList<AuditEntry> Entries, int PageNumber, bool HasNextPage)
{
    public long FirstShown => (PageNumber - 1L) * AuditTrailReader.PageSize + 1;
}

/// <summary>Reads one organisation's trail for people: newest first, a page at a time, filtered.</summary>
public sealed class AuditTrailReader(SafeSocialDb db)
{
    public const int PageSize = 50;
    public static readonly string[] StandardActions = ["Added", "Modified", "Deleted", "Viewed", "Verified"];

    public async Task<AuditTrailPage> PageAsync(Guid organisationId, AuditFilter filter, int pageNumber, CancellationToken ct = default)
    {
        pageNumber = Math.Clamp(pageNumber, 1, int.MaxValue / PageSize);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.OrganisationId == organisationId);
        if (!string.IsNullOrWhiteSpace(filter.Who))
            query = query.Where(a => EF.Functions.ILike(a.ActorName, "%" + EscapeLike(filter.Who.Trim()) + "%", "\\"));
        if (!string.IsNullOrWhiteSpace(filter.RecordType)) query = query.Where(a => a.EntityType == filter.RecordType);
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(a => a.Action == filter.Action);
        if (filter.From is { } from)
        {
            var start = UkTime.StartOfDay(from);
            query = query.Where(a => a.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = UkTime.StartOfDay(to.AddDays(1));
            query = query.Where(a => a.OccurredAt < end);
        }
        // One more than a page tells whether there is a next page without counting a long trail.
        var rows = await query.OrderByDescending(a => a.Sequence)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(ct);
        return new AuditTrailPage(rows.Take(PageSize).ToList(), pageNumber, rows.Count > PageSize);
    }

    /// <summary>The record types and actions to offer as filters: the usual ones and those in the trail's latest entries.</summary>
    public async Task<(IReadOnlyList<string> RecordTypes, IReadOnlyList<string> Actions)> ChoicesAsync(Guid organisationId, CancellationToken ct = default)
    {
        var recent = await db.AuditEntries.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId)
            .OrderByDescending(a => a.Sequence).Take(1000)
            .Select(a => new { a.EntityType, a.Action })
            .ToListAsync(ct);
        var modelTypes = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.ClrType != typeof(AuditEntry) && t.ClrType != typeof(AuditChainHead) && !t.ClrType.Name.Contains('`', StringComparison.Ordinal))
            .Select(t => t.ClrType.Name);
        var types = modelTypes.Concat(recent.Select(r => r.EntityType)).Append("AuditTrail").Distinct().Order().ToList();
        var actions = StandardActions.Concat(recent.Select(r => r.Action)).Distinct().ToList();
        return (types, actions);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
