using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>A stored credential that cannot be decrypted: altered, moved from another account, or its key is gone.</summary>
public sealed class CredentialUnreadableException(string message, Exception inner) : CryptographicException(message, inner);

/// <summary>
/// Encrypts and decrypts an official account's sign-in details. Data Protection does the cryptography
/// (AES-256-CBC + HMACSHA256, keys rotated every 90 days); the purpose names the account, so a ciphertext
/// copied onto another account's row fails to decrypt. See docs/adr/0006-credential-vault.md.
/// </summary>
public sealed class CredentialVault(SafeSocialDb db, IDataProtectionProvider protection)
{
    private const string Purpose = "SafeSocial.CredentialVault.v1";

    /// <summary>Stores new details for the account, replacing any before, as changed now by the acting person.</summary>
    public async Task<Outcome> StoreAsync(Guid organisationId, Guid officialAccountId, CredentialSecret secret, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(secret.Username)) problems.Add(new(nameof(secret.Username), "Enter the username the account signs in with"));
        if (string.IsNullOrEmpty(secret.Password)) problems.Add(new(nameof(secret.Password), "Enter the password, or generate one"));
        if (problems.Count > 0) return Outcome.Refused(problems);

        var row = await Find(organisationId, officialAccountId, ct);
        if (row is null)
        {
            row = new AccountCredential { Id = Guid.CreateVersion7(), OrganisationId = organisationId, OfficialAccountId = officialAccountId, Ciphertext = [], ChangedBy = "" };
            db.AccountCredentials.Add(row);
        }
        row.Ciphertext = Encrypt(officialAccountId, secret);
        row.ChangedAt = db.Clock.GetUtcNow();
        row.ChangedBy = db.Audit.ActorName;
        row.ChangedByUserId = db.Audit.ActorUserId;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Decrypts the account's details, recording in the audit trail who did and why. Null when none are stored.</summary>
    /// <exception cref="CredentialUnreadableException">The stored ciphertext does not decrypt for this account.</exception>
    public async Task<CredentialSecret?> DecryptAsync(Guid organisationId, Guid officialAccountId, string reason, CancellationToken ct = default)
    {
        var row = await Find(organisationId, officialAccountId, ct);
        if (row is null) return null;
        var secret = Decrypt(officialAccountId, row.Ciphertext, out _);
        db.RecordAction(organisationId, "Decrypted", nameof(AccountCredential), row.Id.ToString(), reason);
        await db.SaveChangesAsync(ct);
        return secret;
    }

    /// <summary>
    /// Encrypts the details again under the current default key when an older key made them, so a key can later be
    /// retired. The details themselves, and when they last changed, stay as they were. True when it re-encrypted.
    /// </summary>
    public async Task<bool> ReencryptIfStaleAsync(Guid organisationId, Guid officialAccountId, CancellationToken ct = default)
    {
        var row = await Find(organisationId, officialAccountId, ct);
        if (row is null) return false;
        var secret = Decrypt(officialAccountId, row.Ciphertext, out var stale);
        if (!stale) return false;
        row.Ciphertext = Encrypt(officialAccountId, secret);
        db.Audit.Reason ??= "Re-encrypted under the current Data Protection key";
        await db.SaveChangesAsync(ct);
        return true;
    }

    private Task<AccountCredential?> Find(Guid organisationId, Guid officialAccountId, CancellationToken ct) =>
        db.AccountCredentials.FirstOrDefaultAsync(c => c.OrganisationId == organisationId && c.OfficialAccountId == officialAccountId, ct);

    private IPersistedDataProtector Protector(Guid officialAccountId) =>
        (IPersistedDataProtector)protection.CreateProtector(Purpose, officialAccountId.ToString());

    private byte[] Encrypt(Guid officialAccountId, CredentialSecret secret)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(secret);
        try { return Protector(officialAccountId).Protect(plain); }
        finally { CryptographicOperations.ZeroMemory(plain); }
    }

    private CredentialSecret Decrypt(Guid officialAccountId, byte[] ciphertext, out bool stale)
    {
        byte[] plain;
        try
        {
            // "Dangerous" only in that it would accept a revoked key: it is refused below.
            plain = Protector(officialAccountId).DangerousUnprotect(ciphertext, ignoreRevocationErrors: false, out var requiresMigration, out _);
            stale = requiresMigration;
        }
        catch (CryptographicException e)
        {
            throw new CredentialUnreadableException(
                "The stored credential could not be decrypted: it has been altered, belongs to another account, or was encrypted with a key this server does not have (check the master key).", e);
        }
        try { return JsonSerializer.Deserialize<CredentialSecret>(plain) ?? throw new CredentialUnreadableException("The stored credential is empty.", new CryptographicException()); }
        finally { CryptographicOperations.ZeroMemory(plain); }
    }
}
