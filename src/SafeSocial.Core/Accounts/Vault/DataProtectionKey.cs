using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>One key of the Data Protection key ring, its XML encrypted with the master key. Belongs to no one school.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    /// <summary>The key's XML as Data Protection wrote it, its secret part wrapped by <see cref="MasterKeyXmlEncryptor"/>.</summary>
    public required string Xml { get; set; }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
