namespace SafeSocial.Core.Organisation;

/// <summary>A policy's adjustment of a role's default permission, set by a trust (for all its schools) or a school.</summary>
public class RolePermissionSetting : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Role Role { get; set; }
    public Permission Permission { get; set; }
    public bool Granted { get; set; }
}
