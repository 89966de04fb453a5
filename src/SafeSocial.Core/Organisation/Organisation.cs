namespace SafeSocial.Core.Organisation;

public enum OrganisationKind { Trust, School }

/// <summary>A trust (with its central team) or a school. A standalone school is a school with no trust.</summary>
public class Organisation
{
    public Guid Id { get; set; }
    public OrganisationKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>The school's trust; null for a trust or a standalone school.</summary>
    public Guid? TrustId { get; set; }
    public Organisation? Trust { get; set; }
    /// <summary>The identifier the school's MIS uses in roster files.</summary>
    public string? SourcedId { get; set; }
    /// <summary>The DfE unique reference number, where known.</summary>
    public string? Urn { get; set; }

    public bool IsSchool => Kind == OrganisationKind.School;
}
