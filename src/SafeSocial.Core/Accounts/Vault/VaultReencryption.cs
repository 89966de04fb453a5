using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>What one re-encryption run found: how many credentials it read, moved onto the current key, and could not read.</summary>
public sealed record ReencryptionReport(int Checked, int Reencrypted, IReadOnlyList<Guid> Unreadable)
{
    public override string ToString() =>
        $"Checked {Checked} stored credential(s): {Reencrypted} re-encrypted under the current key, {Checked - Reencrypted - Unreadable.Count} already on it"
        + (Unreadable.Count > 0 ? $", {Unreadable.Count} could not be decrypted (official account(s) {string.Join(", ", Unreadable)})" : "");
}

/// <summary>
/// Moves every stored credential made under an older Data Protection key onto the current one, so old keys can later be
/// retired. Data Protection rotates its key every 90 days; this runs daily and from the `vault-reencrypt` command, and a
/// second run changes nothing. Each credential is its own transaction: one unreadable row is reported, not fatal.
/// </summary>
public sealed class VaultReencryption(SafeSocialDb db, CredentialVault vault)
{
    public const string ActorName = "SafeSocial vault re-encryption";

    public async Task<ReencryptionReport> RunAsync(Action<int, int>? progress = null, CancellationToken ct = default)
    {
        db.Audit.ActorName = ActorName;
        db.Audit.Reason = "Re-encrypted under the current Data Protection key after key rotation";
        var rows = await db.AccountCredentials.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.OrganisationId, c.OfficialAccountId }).ToListAsync(ct);
        var (done, reencrypted, unreadable) = (0, 0, new List<Guid>());
        foreach (var row in rows)
        {
            try
            {
                if (await vault.ReencryptIfStaleAsync(row.OrganisationId, row.OfficialAccountId, ct)) reencrypted++;
            }
            catch (CredentialUnreadableException) { unreadable.Add(row.OfficialAccountId); }
            // Only ciphertexts are tracked here: forget each once saved, so a large vault does not grow the context.
            db.ChangeTracker.Clear();
            progress?.Invoke(++done, rows.Count);
        }
        return new ReencryptionReport(rows.Count, reencrypted, unreadable);
    }
}
