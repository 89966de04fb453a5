using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Accounts.Vault;

/// <summary>
/// The sign-in details of one official account, encrypted. Only <see cref="CredentialVault"/> reads or writes
/// the ciphertext; the audit trail records that it changed, never its bytes.
/// </summary>
public class AccountCredential : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The school or trust that owns the account.</summary>
    public Guid OrganisationId { get; set; }
    /// <summary>The official account these details open (one credential per account).</summary>
    public Guid OfficialAccountId { get; set; }
    /// <summary>A Data Protection payload bound to this account's id: authenticated, naming the key that made it.</summary>
    public required byte[] Ciphertext { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }
    public Guid? ChangedByUserId { get; set; }
}

internal sealed class AccountCredentialConfiguration : IEntityTypeConfiguration<AccountCredential>
{
    public void Configure(EntityTypeBuilder<AccountCredential> b)
    {
        b.Property(c => c.ChangedBy).HasMaxLength(200);
        b.HasIndex(c => c.OfficialAccountId).IsUnique();
        b.HasIndex(c => c.OrganisationId);
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // An account with stored secrets is closed, never deleted: the secrets must not vanish with it.
        b.HasOne<OfficialAccount>().WithMany().HasForeignKey(c => c.OfficialAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
