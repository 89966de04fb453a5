using System.Security.Cryptography;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>
/// The 32-byte key, supplied by configuration and never stored in the database, that encrypts the Data Protection
/// key ring held there. Without it a copy of the database opens no credential.
/// </summary>
public sealed class VaultMasterKey
{
    public const int Length = 32;
    private readonly byte[] _key;

    public VaultMasterKey(byte[] key)
    {
        if (key.Length != Length) throw new ArgumentException($"The master key must be {Length} bytes; this one is {key.Length}.", nameof(key));
        _key = (byte[])key.Clone();
        // Identifies the key in the stored XML so a mismatch can be named, without revealing anything of it.
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData([.. "SafeSocial master key fingerprint"u8, .. _key]))[..16];
    }

    /// <summary>A short, one-way identifier of the key, written beside each encrypted key.</summary>
    public string Fingerprint { get; }

    internal ReadOnlySpan<byte> Bytes => _key;

    public static VaultMasterKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>Reads a base64 key, saying what is wrong with a bad one.</summary>
    public static VaultMasterKey FromBase64(string text, string source)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(text.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"The master key in {source} is not base64. It must be 32 random bytes in base64, e.g. from 'openssl rand -base64 32'."); }
        if (bytes.Length != Length)
            throw new InvalidOperationException($"The master key in {source} is {bytes.Length} bytes; it must be {Length} random bytes in base64, e.g. from 'openssl rand -base64 32'.");
        return new VaultMasterKey(bytes);
    }

    public string ToBase64() => Convert.ToBase64String(_key);

    public override string ToString() => $"VaultMasterKey {Fingerprint}";
}
