using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Audit;

/// <summary>
/// Reading a restricted record (a pupil's details, a safeguarding concern) is itself recorded, in the
/// record's own organisation's trail, as "Viewed" with the same type and id its changes are recorded under.
/// </summary>
public static class RestrictedReads
{
    /// <summary>Records now that the person of this unit of work read <paramref name="record"/>. Call it before making other changes: it saves.</summary>
    public static Task RecordViewAsync<T>(this SafeSocialDb db, T record, string? reason = null, CancellationToken ct = default)
        where T : class, IOrganisationOwned
    {
        var key = db.Model.FindEntityType(typeof(T))?.FindPrimaryKey()
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not a record SafeSocial stores.");
        var id = string.Join(",", key.Properties.Select(p => p.PropertyInfo!.GetValue(record)));
        return db.RecordViewAsync(record.OrganisationId, typeof(T).Name, id, reason, ct);
    }

    /// <summary>Records now that the person of this unit of work read something that is not one stored record (a report, the audit trail).</summary>
    public static async Task RecordViewAsync(this SafeSocialDb db, Guid organisationId, string entityType, string entityId,
        string? reason = null, CancellationToken ct = default)
    {
        db.RecordAction(organisationId, "Viewed", entityType, entityId, reason);
        await db.SaveChangesAsync(ct);
    }
}
