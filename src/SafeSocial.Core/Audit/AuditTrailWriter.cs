using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Audit;

/// <summary>Writes an audit entry for every changed record in the same transaction as the change.</summary>
internal static class AuditTrailWriter
{
    // Secrets must never reach the trail; it says only that they changed.
    private static readonly HashSet<string> Redacted =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "Value", "Ciphertext", "Xml"];

    public static async Task<int> SaveWithAuditAsync(SafeSocialDb db, Func<Task<int>> save, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not AuditChainHead)
            .ToList();
        if (changed.Count == 0 && db.PendingActions.Count == 0) return await save();

        var now = AuditHash.ToStoredPrecision(db.Clock.GetUtcNow());
        var drafts = changed.Select(e => Describe(e)).Where(d => d is not null).Select(d => d!).ToList();
        var actions = db.PendingActions.ToList();
        drafts.AddRange(actions);
        db.PendingActions.Clear();
        foreach (var d in drafts)
        {
            d.OccurredAt = now;
            d.ActorUserId = db.Audit.ActorUserId;
            d.ActorName = db.Audit.ActorName;
            d.IpAddress = db.Audit.IpAddress;
            d.Reason ??= db.Audit.Reason;
        }

        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await ChainAsync(db, drafts, ct);
            var result = await save();
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
            return result;
        }
        catch
        {
            // Nothing was written: forget this attempt's entries and chain positions so a retry starts clean.
            foreach (var d in drafts) db.Entry(d).State = EntityState.Detached;
            foreach (var h in db.ChangeTracker.Entries<AuditChainHead>().ToList()) h.State = EntityState.Detached;
            db.PendingActions.InsertRange(0, actions);
            throw;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    private static async Task ChainAsync(SafeSocialDb db, List<AuditEntry> drafts, CancellationToken ct)
    {
        foreach (var group in drafts.GroupBy(d => d.OrganisationId).OrderBy(g => g.Key))
        {
            // Serialises writers of one organisation's trail until this transaction ends.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({group.Key.ToString()}, 0))", ct);
            // A head remembered from an earlier save of this context may be stale: another writer may have moved it on.
            if (db.ChangeTracker.Entries<AuditChainHead>().FirstOrDefault(h => h.Entity.OrganisationId == group.Key) is { } remembered)
                remembered.State = EntityState.Detached;
            var head = await db.AuditChainHeads.FirstOrDefaultAsync(h => h.OrganisationId == group.Key, ct);
            if (head is null)
            {
                head = new AuditChainHead { OrganisationId = group.Key, Sequence = 0, Hash = AuditHash.Genesis };
                db.AuditChainHeads.Add(head);
            }
            foreach (var entry in group)
            {
                entry.Sequence = head.Sequence + 1;
                entry.PreviousHash = head.Hash;
                entry.Hash = AuditHash.Compute(entry);
                head.Sequence = entry.Sequence;
                head.Hash = entry.Hash;
                db.AuditEntries.Add(entry);
            }
            // Bulk work turns automatic change detection off; the head must be saved all the same.
            if (db.Entry(head).State == EntityState.Unchanged) db.Entry(head).State = EntityState.Modified;
        }
    }

    private static AuditEntry? Describe(EntityEntry e)
    {
        var key = string.Join(",", e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue));
        var changes = new Dictionary<string, object?[]>();
        foreach (var p in e.Properties)
        {
            if (e.State == EntityState.Modified && !p.IsModified) continue;
            var before = e.State == EntityState.Added ? null : p.OriginalValue;
            var after = e.State == EntityState.Deleted ? null : p.CurrentValue;
            if (e.State == EntityState.Modified && Equals(before, after)) continue;
            changes[p.Metadata.Name] = Redacted.Contains(p.Metadata.Name)
                ? ["(secret)", "(secret changed)"]
                : [Plain(before), Plain(after)];
        }
        if (e.State == EntityState.Modified && changes.Count == 0) return null;
        return new AuditEntry
        {
            OrganisationId = OrganisationOf(e.Entity),
            Action = e.State.ToString(),
            EntityType = e.Metadata.ClrType.Name,
            EntityId = key,
            Changes = JsonSerializer.Serialize(changes),
            ActorName = "", PreviousHash = "", Hash = "",
        };
    }

    private static object? Plain(object? v) => v is Enum ? v.ToString() : v;

    private static Guid OrganisationOf(object entity) => entity switch
    {
        IOrganisationOwned owned => owned.OrganisationId,
        Organisation.Organisation org => org.Id,
        _ => Guid.Empty, // sign-in accounts and their tokens belong to no one school
    };
}
