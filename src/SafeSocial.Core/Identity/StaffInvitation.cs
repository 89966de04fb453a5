using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Identity;

/// <summary>A single-use link emailed to a staff member so they can create their sign-in.</summary>
public class StaffInvitation : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid StaffMemberId { get; set; }
    public required string Email { get; set; }
    /// <summary>SHA-256 of the token; the token itself exists only in the email.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}
