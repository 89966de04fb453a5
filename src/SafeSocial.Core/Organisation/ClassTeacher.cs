namespace SafeSocial.Core.Organisation;

/// <summary>A staff member who teaches a class: whose "My class" it is, and whose consent gaps they are told of.</summary>
public class ClassTeacher : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The class's school.</summary>
    public Guid OrganisationId { get; set; }
    public Guid SchoolClassId { get; set; }
    public SchoolClass? SchoolClass { get; set; }
    /// <summary>A staff member of the school, or of its trust.</summary>
    public Guid StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
}
