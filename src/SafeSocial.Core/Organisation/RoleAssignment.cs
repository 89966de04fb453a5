namespace SafeSocial.Core.Organisation;

/// <summary>A staff member holding a role in a school, or in a trust (and so in all its schools).</summary>
public class RoleAssignment : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public Role Role { get; set; }
    /// <summary>The governor named with lead responsibility for online safety.</summary>
    public bool IsNamedOnlineSafetyGovernor { get; set; }
}
