using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<OfficialAccount>, IEntityTypeConfiguration<AccountApproval>,
    IEntityTypeConfiguration<AccountAdmin>, IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<OfficialAccount> b)
    {
        b.Property(a => a.Platform).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.OtherPlatformName).HasMaxLength(100);
        b.Property(a => a.Handle).HasMaxLength(200);
        b.Property(a => a.Address).HasMaxLength(500);
        foreach (var text in new[] { nameof(OfficialAccount.Purpose), nameof(OfficialAccount.IntendedOutcomes), nameof(OfficialAccount.Audience),
                     nameof(OfficialAccount.ExpectedEngagement), nameof(OfficialAccount.StaffTime), nameof(OfficialAccount.Evaluation),
                     nameof(OfficialAccount.Hazards), nameof(OfficialAccount.Controls), nameof(OfficialAccount.ClosedReason) })
            b.Property(text).HasMaxLength(4000);
        b.Property(a => a.AssessedBy).HasMaxLength(200);
        b.Property(a => a.OfficialEmail).HasMaxLength(320);
        b.Property(a => a.RequestedBy).HasMaxLength(200);
        b.Property(a => a.PasswordChangeDueReason).HasMaxLength(1000);
        b.HasIndex(a => new { a.OrganisationId, a.Status });
        b.HasMany(a => a.Approvals).WithOne().HasForeignKey(x => x.OfficialAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AccountApproval> b)
    {
        b.Property(a => a.Step).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Reason).HasMaxLength(2000);
        b.Property(a => a.DecidedBy).HasMaxLength(200);
        // One decision per step: a second approver cannot decide a step again.
        b.HasIndex(a => new { a.OfficialAccountId, a.Step }).IsUnique();
        b.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.DecidedByStaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Org>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AccountAdmin> b)
    {
        b.Property(a => a.AddedBy).HasMaxLength(200);
        b.HasIndex(a => new { a.OfficialAccountId, a.StaffMemberId }).IsUnique();
        b.HasIndex(a => a.StaffMemberId);
        b.HasOne<OfficialAccount>().WithMany().HasForeignKey(a => a.OfficialAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.StaffMember).WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<TrainingRecord> b)
    {
        b.Property(t => t.Type).HasMaxLength(200);
        b.HasIndex(t => new { t.StaffMemberId, t.Type });
        b.HasOne<StaffMember>().WithMany().HasForeignKey(t => t.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
