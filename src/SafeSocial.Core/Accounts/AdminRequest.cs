using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Accounts;

public enum AdminRequestStatus { Waiting, Approved, Refused }

/// <summary>
/// A request to make someone an admin of an official account. It goes through the same approvals as the account
/// itself; the person becomes an admin (an <see cref="AccountAdmin"/>) only once every step approves.
/// </summary>
public class AdminRequest : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid OfficialAccountId { get; set; }
    public Guid StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public AdminRequestStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    public Guid? RequestedByUserId { get; set; }
    /// <summary>Why it was refused, when it was.</summary>
    public string? RefusedReason { get; set; }
    public List<AdminApproval> Approvals { get; set; } = [];
}

/// <summary>One approver's decision on one step of an admin request.</summary>
public class AdminApproval : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid AdminRequestId { get; set; }
    public ApprovalStep Step { get; set; }
    public ApprovalDecision Decision { get; set; }
    public string? Reason { get; set; }
    public Guid DecidedByStaffMemberId { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

internal sealed class AdminRequestConfiguration : IEntityTypeConfiguration<AdminRequest>, IEntityTypeConfiguration<AdminApproval>
{
    public void Configure(EntityTypeBuilder<AdminRequest> b)
    {
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.RequestedBy).HasMaxLength(200);
        b.Property(r => r.RefusedReason).HasMaxLength(2000);
        // One open request per person and account; refused and approved ones stay as the record.
        b.HasIndex(r => new { r.OfficialAccountId, r.StaffMemberId }).IsUnique().HasFilter("\"Status\" = 'Waiting'");
        b.HasIndex(r => r.OrganisationId);
        b.HasMany(r => r.Approvals).WithOne().HasForeignKey(a => a.AdminRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OfficialAccount>().WithMany().HasForeignKey(r => r.OfficialAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.StaffMember).WithMany().HasForeignKey(r => r.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AdminApproval> b)
    {
        b.Property(a => a.Step).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Reason).HasMaxLength(2000);
        b.Property(a => a.DecidedBy).HasMaxLength(200);
        b.HasIndex(a => new { a.AdminRequestId, a.Step }).IsUnique();
        b.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.DecidedByStaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Org>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
