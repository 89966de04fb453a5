namespace SafeSocial.Core.Organisation;

/// <summary>A parent or carer known to a school.</summary>
public class Parent : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? SourcedId { get; set; }
    public List<PupilParent> Children { get; set; } = [];

    public string FullName => $"{FirstName} {LastName}";
}

/// <summary>The link between a pupil and a parent or carer.</summary>
public class PupilParent : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public Guid ParentId { get; set; }
    public Parent? Parent { get; set; }
    /// <summary>Mother, father, carer, grandparent… as the MIS records it.</summary>
    public required string Relationship { get; set; }
    public bool HasParentalResponsibility { get; set; }
}
