using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>Encrypts each Data Protection key's XML with the master key (AES-256-GCM) before it is stored.</summary>
public sealed class MasterKeyXmlEncryptor(VaultMasterKey masterKey) : IXmlEncryptor
{
    public const string ElementName = "masterKeyEncrypted";
    // Binds the ciphertext to its use: the same master key used elsewhere could not be fed these bytes.
    internal static readonly byte[] AssociatedData = "SafeSocial Data Protection key ring v1"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(masterKey.Bytes, tag.Length))
            aes.Encrypt(nonce, plain, cipher, tag, AssociatedData);
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(ElementName,
            new XAttribute("masterKey", masterKey.Fingerprint),
            new XComment(" Encrypted with SafeSocial's master key (AES-256-GCM): nonce, tag, ciphertext. "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Decrypts key XML written by <see cref="MasterKeyXmlEncryptor"/>; Data Protection makes it through the service provider.</summary>
public sealed class MasterKeyXmlDecryptor(VaultMasterKey masterKey) : IXmlDecryptor
{
    /// <summary>Data Protection's activator prefers this constructor.</summary>
    public MasterKeyXmlDecryptor(IServiceProvider services) : this(services.GetRequiredService<VaultMasterKey>()) { }

    public XElement Decrypt(XElement encryptedElement)
    {
        var fingerprint = (string?)encryptedElement.Attribute("masterKey");
        var nonce = Read(encryptedElement, "nonce");
        var tag = Read(encryptedElement, "tag");
        var cipher = Read(encryptedElement, "value");
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(masterKey.Bytes, tag.Length);
            aes.Decrypt(nonce, cipher, tag, plain, MasterKeyXmlEncryptor.AssociatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException(fingerprint != masterKey.Fingerprint
                ? $"A Data Protection key in the database was encrypted with a different master key (fingerprint {fingerprint}; the configured one is {masterKey.Fingerprint}). Configure the master key this database was set up with."
                : "A Data Protection key in the database has been altered: it no longer matches its authentication tag.", e);
        }
        try { return XElement.Parse(Encoding.UTF8.GetString(plain)); }
        finally { CryptographicOperations.ZeroMemory(plain); }
    }

    private static byte[] Read(XElement element, string name) =>
        Convert.FromBase64String(element.Element(name)?.Value ?? throw new CryptographicException($"The encrypted key has no <{name}>."));
}
