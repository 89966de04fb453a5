using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Takedowns;

internal sealed class TakedownConfiguration : IEntityTypeConfiguration<TakedownTask>
{
    public const string OneTaskPerEndedConsent = "IX_TakedownTasks_EndedConsentRecordId";

    public void Configure(EntityTypeBuilder<TakedownTask> b)
    {
        b.Property(t => t.Purpose).HasMaxLength(60);
        b.Property(t => t.PurposeName).HasMaxLength(200);
        b.Property(t => t.Reason).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.WhatToTakeDown).HasMaxLength(500);
        b.Property(t => t.ClosedBy).HasMaxLength(200);
        b.Property(t => t.ClosedNote).HasMaxLength(2000);
        // The check and the register may both see one consent end: the database keeps to one general task for it.
        b.HasIndex(t => t.EndedConsentRecordId).IsUnique().HasFilter("\"PostId\" IS NULL").HasDatabaseName(OneTaskPerEndedConsent);
        // The list and the navigation count read a school's tasks by status; reminders read open ones by due date.
        b.HasIndex(t => new { t.OrganisationId, t.Status, t.DueOn });
        b.HasIndex(t => t.PupilId);
        b.HasIndex(t => t.OwnerStaffMemberId);
        b.HasOne<Pupil>().WithMany().HasForeignKey(t => t.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ConsentRecord>().WithMany().HasForeignKey(t => t.EndedConsentRecordId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(t => t.OwnerStaffMemberId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Org>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
