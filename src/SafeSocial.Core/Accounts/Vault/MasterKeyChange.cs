using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>What a master key change did, or why it changed nothing.</summary>
public sealed record MasterKeyChangeResult(bool Changed, int Keys, string Message);

/// <summary>
/// Re-wraps every Data Protection key in the database from the current master key to a new one, in one transaction:
/// each key is decrypted with the current master key, encrypted with the new one and decrypted again with the new one
/// before anything is committed. The Data Protection keys themselves, and so every stored secret, stay as they are.
/// </summary>
public sealed class MasterKeyChange(SafeSocialDb db)
{
    public async Task<MasterKeyChangeResult> RunAsync(VaultMasterKey current, VaultMasterKey next, CancellationToken ct = default)
    {
        if (current.Fingerprint == next.Fingerprint)
            return new(false, 0, "The new master key is the same as the current one: nothing to change.");
        var (decryptor, encryptor, check) = (new MasterKeyXmlDecryptor(current), new MasterKeyXmlEncryptor(next), new MasterKeyXmlDecryptor(next));
        db.Audit.Reason = $"Master key changed (fingerprint {current.Fingerprint} to {next.Fingerprint}): every Data Protection key re-wrapped";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await RunningSiteLock.TryTakeAloneAsync(db, ct))
            return new(false, 0, "Nothing was changed: SafeSocial is running on this database. Stop every SafeSocial server that uses it, then run change-master-key again.");
        // Locked for the change: a server making a new key meanwhile would wrap it with the old master key.
        var keys = await db.DataProtectionKeys.FromSql($"""SELECT * FROM "DataProtectionKeys" FOR UPDATE""").OrderBy(k => k.Id).ToListAsync(ct);
        foreach (var key in keys)
        {
            var xml = XElement.Parse(key.Xml);
            foreach (var wrapped in xml.DescendantsAndSelf(MasterKeyXmlEncryptor.ElementName).ToList())
            {
                XElement plain;
                try { plain = decryptor.Decrypt(wrapped); }
                catch (CryptographicException e)
                {
                    return new(false, 0, $"Nothing was changed: the current master key cannot read Data Protection key {key.FriendlyName ?? key.Id.ToString()} in the database. {e.Message}");
                }
                var rewrapped = encryptor.Encrypt(plain).EncryptedElement;
                if (!XNode.DeepEquals(check.Decrypt(rewrapped), plain))
                    return new(false, 0, $"Nothing was changed: Data Protection key {key.FriendlyName ?? key.Id.ToString()} did not decrypt under the new master key after re-wrapping.");
                wrapped.ReplaceWith(rewrapped);
            }
            key.Xml = xml.ToString(SaveOptions.DisableFormatting);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(true, keys.Count, $"Re-wrapped {keys.Count} Data Protection key(s) under the new master key (fingerprint {next.Fingerprint}). " +
            "Now set SafeSocial__MasterKey (or SafeSocial__MasterKeyFile) to the new key before starting SafeSocial: the old key no longer opens the key ring.");
    }
}
