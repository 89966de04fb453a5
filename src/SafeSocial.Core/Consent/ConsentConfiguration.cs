using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Consent;

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<ConsentRecord>, IEntityTypeConfiguration<BiometricConsentRecord>,
    IEntityTypeConfiguration<ConsentPurposeSetting>
{
    public void Configure(EntityTypeBuilder<ConsentPurposeSetting> b)
    {
        b.Property(s => s.Key).HasMaxLength(60);
        b.Property(s => s.Name).HasMaxLength(200);
        b.HasIndex(s => new { s.OrganisationId, s.Key }).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.Property(r => r.Purpose).HasMaxLength(60);
        b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DecidedByName).HasMaxLength(200);
        b.Property(r => r.CompetenceAssessedBy).HasMaxLength(200);
        b.Property(r => r.CompetenceAssessorRole).HasConversion<string>().HasMaxLength(50);
        b.Property(r => r.RecordedBy).HasMaxLength(200);
        // The consent check reads a group's history for one purpose, latest first.
        b.HasIndex(r => new { r.PupilId, r.Purpose, r.RecordedAt });
        b.HasIndex(r => r.OrganisationId);
        b.HasOne<Pupil>().WithMany().HasForeignKey(r => r.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<BiometricConsentRecord> b)
    {
        b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DecidedByName).HasMaxLength(200);
        b.Property(r => r.RecordedBy).HasMaxLength(200);
        b.HasIndex(r => new { r.PupilId, r.RecordedAt });
        b.HasIndex(r => r.OrganisationId);
        b.HasOne<Pupil>().WithMany().HasForeignKey(r => r.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
