namespace SafeSocial.Core.Organisation;

/// <summary>A registration class, such as "Oak" in Year 3.</summary>
public class SchoolClass : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public string? YearGroup { get; set; }
    public string? SourcedId { get; set; }
}
