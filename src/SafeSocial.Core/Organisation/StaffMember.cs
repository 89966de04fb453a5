namespace SafeSocial.Core.Organisation;

public enum StaffKind { Staff, Governor, Volunteer, Contractor }

/// <summary>An adult who works in or for a school or the trust's central team.</summary>
public class StaffMember : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public StaffKind Kind { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? JobTitle { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? LeavingDate { get; set; }
    public string? SourcedId { get; set; }
    /// <summary>The sign-in account, once the invitation has been accepted.</summary>
    public Guid? UserId { get; set; }
    public List<RoleAssignment> Roles { get; set; } = [];

    public string FullName => $"{FirstName} {LastName}";
    public bool HasLeft(DateOnly today) => LeavingDate is { } d && d <= today;
}
