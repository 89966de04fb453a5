using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Org>
{
    public void Configure(EntityTypeBuilder<Org> b)
    {
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Name).HasMaxLength(200);
        b.HasOne(o => o.Trust).WithMany().HasForeignKey(o => o.TrustId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.SourcedId);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(s => new { s.OrganisationId, s.SourcedId }).IsUnique();
        b.HasIndex(s => s.UserId);
        b.HasOne<Org>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.Property(r => r.Role).HasConversion<string>().HasMaxLength(50);
        b.HasIndex(r => new { r.StaffMemberId, r.OrganisationId, r.Role }).IsUnique();
        b.HasOne(r => r.StaffMember).WithMany(s => s.Roles).HasForeignKey(r => r.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RolePermissionSettingConfiguration : IEntityTypeConfiguration<RolePermissionSetting>
{
    public void Configure(EntityTypeBuilder<RolePermissionSetting> b)
    {
        b.Property(r => r.Role).HasConversion<string>().HasMaxLength(50);
        b.Property(r => r.Permission).HasConversion<string>().HasMaxLength(50);
        b.HasIndex(r => new { r.OrganisationId, r.Role, r.Permission }).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PupilConfiguration : IEntityTypeConfiguration<Pupil>
{
    public void Configure(EntityTypeBuilder<Pupil> b)
    {
        b.Property(p => p.YearGroup).HasMaxLength(10);
        b.HasIndex(p => new { p.OrganisationId, p.SourcedId }).IsUnique();
        b.HasIndex(p => new { p.OrganisationId, p.YearGroup, p.ClassId });
        b.HasIndex(p => p.SearchName).HasMethod("gin").HasOperators("gin_trgm_ops");
        b.HasOne(p => p.Class).WithMany().HasForeignKey(p => p.ClassId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Org>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SchoolClassConfiguration : IEntityTypeConfiguration<SchoolClass>
{
    public void Configure(EntityTypeBuilder<SchoolClass> b)
    {
        b.HasIndex(c => new { c.OrganisationId, c.SourcedId }).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClassTeacherConfiguration : IEntityTypeConfiguration<ClassTeacher>
{
    public void Configure(EntityTypeBuilder<ClassTeacher> b)
    {
        b.HasIndex(t => new { t.SchoolClassId, t.StaffMemberId }).IsUnique();
        b.HasIndex(t => t.StaffMemberId);
        b.HasIndex(t => t.OrganisationId);
        b.HasOne(t => t.SchoolClass).WithMany().HasForeignKey(t => t.SchoolClassId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.StaffMember).WithMany().HasForeignKey(t => t.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParentConfiguration : IEntityTypeConfiguration<Parent>
{
    public void Configure(EntityTypeBuilder<Parent> b)
    {
        b.HasIndex(p => new { p.OrganisationId, p.SourcedId }).IsUnique();
        b.HasIndex(p => p.Email);
        b.HasOne<Org>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PupilParentConfiguration : IEntityTypeConfiguration<PupilParent>
{
    public void Configure(EntityTypeBuilder<PupilParent> b)
    {
        b.HasIndex(l => new { l.PupilId, l.ParentId }).IsUnique();
        b.HasIndex(l => l.ParentId);
        b.HasOne(l => l.Pupil).WithMany(p => p.Parents).HasForeignKey(l => l.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Parent).WithMany(p => p.Children).HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> b)
    {
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasOne<StaffMember>().WithMany().HasForeignKey(i => i.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<PolicyVersion>, IEntityTypeConfiguration<PolicySettings>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> b)
    {
        b.HasIndex(p => new { p.OrganisationId, p.Version }).IsUnique();
        b.HasOne<Org>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PolicySettings> b)
    {
        b.HasIndex(p => p.OrganisationId).IsUnique();
        b.Property(p => p.ConsentValidity).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.AccountApprovals).HasConversion<string>().HasMaxLength(40);
        b.Property(p => p.CustodyNotices).HasConversion<string>().HasMaxLength(40);
        b.Property(p => p.AccountEmailDomains).HasMaxLength(1000);
        b.HasOne<Org>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(a => new { a.OrganisationId, a.Sequence }).IsUnique();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        // text, not jsonb: jsonb reorders keys and would break the hash.
    }

    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.HasKey(h => h.OrganisationId);
        // Guid.Empty is the system trail, a real key: EF must not replace it with a new Guid.
        b.Property(h => h.OrganisationId).ValueGeneratedNever();
    }
}
