using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>
/// Keeps the Data Protection key ring in the database, so every server shares it and a restore brings it back
/// with the data it protects. A new key is audited like any other change (its XML is redacted from the trail).
/// </summary>
public sealed class DatabaseKeyRing(string connectionString, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = Open();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = Open();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    /// <summary>
    /// Null when the master key opens every stored key, else what is wrong. Checked at startup: with the wrong key
    /// Data Protection would quietly make a new key and every stored credential would seem lost.
    /// </summary>
    public string? ProblemWithMasterKey(VaultMasterKey masterKey)
    {
        var decryptor = new MasterKeyXmlDecryptor(masterKey);
        foreach (var encrypted in GetAllElements().SelectMany(e => e.DescendantsAndSelf(MasterKeyXmlEncryptor.ElementName)))
        {
            try { decryptor.Decrypt(encrypted); }
            catch (System.Security.Cryptography.CryptographicException e) { return e.Message; }
        }
        return null;
    }

    private SafeSocialDb Open()
    {
        var db = new SafeSocialDb(new DbContextOptionsBuilder<SafeSocialDb>().UseNpgsql(connectionString).Options,
            new OrganisationScope(), new AuditContext { ActorName = "SafeSocial (key ring)" }, clock);
        db.Scope.OpenForSystemWork();
        return db;
    }
}
