using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Consent.Portal;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Consent;

internal sealed class ParentPortalConfiguration : IEntityTypeConfiguration<ParentSignInRequest>, IEntityTypeConfiguration<ConsentCampaign>,
    IEntityTypeConfiguration<ConsentCampaignSend>, IEntityTypeConfiguration<CampaignLink>
{
    public void Configure(EntityTypeBuilder<ParentSignInRequest> b)
    {
        b.Property(r => r.EmailHash).HasMaxLength(64);
        b.Property(r => r.Email).HasMaxLength(320);
        b.Property(r => r.TokenHash).HasMaxLength(64);
        // The per-address limit counts an address's requests in the last hour.
        b.HasIndex(r => new { r.EmailHash, r.RequestedAt });
        b.HasIndex(r => r.TokenHash).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ConsentCampaign> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.StartedBy).HasMaxLength(200);
        b.Property(c => c.ContactDetails).HasMaxLength(500);
        b.HasIndex(c => c.OrganisationId);
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ConsentCampaignSend> b)
    {
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.StartedBy).HasMaxLength(200);
        b.HasIndex(s => s.CampaignId);
        b.HasIndex(s => s.OrganisationId);
        b.HasOne<ConsentCampaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CampaignLink> b)
    {
        b.Property(l => l.Email).HasMaxLength(320);
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.RevokedBy).HasMaxLength(200);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => new { l.CampaignId, l.Email });
        b.HasIndex(l => l.OrganisationId);
        b.HasOne<ConsentCampaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
