using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.People;

public enum RequestState { Waiting, Confirmed, Refused }

/// <summary>
/// A sensitive permission asked for a role (<see cref="Permissions.NeedSecondPerson"/>). It takes effect only when a
/// second person who can give roles confirms it; both are named here and in the audit trail.
/// </summary>
public class RolePermissionRequest : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Role Role { get; set; }
    public Permission Permission { get; set; }
    /// <summary>The setting confirming writes: true for "Yes", null to go back to the inherited value (which grants it).</summary>
    public bool? Granted { get; set; }
    public required string Reason { get; set; }
    public Guid? RequestedByUserId { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public RequestState State { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

internal sealed class RolePermissionRequestConfiguration : IEntityTypeConfiguration<RolePermissionRequest>
{
    public void Configure(EntityTypeBuilder<RolePermissionRequest> b)
    {
        b.Property(r => r.Role).HasConversion<string>().HasMaxLength(50);
        b.Property(r => r.Permission).HasConversion<string>().HasMaxLength(50);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.Property(r => r.RequestedByName).HasMaxLength(200);
        b.Property(r => r.DecidedByName).HasMaxLength(200);
        b.HasIndex(r => new { r.OrganisationId, r.State });
        b.HasOne<Organisation.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
