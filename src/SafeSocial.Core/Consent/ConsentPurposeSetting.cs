using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Consent;

/// <summary>
/// A trust's or school's change to the list of consent purposes: a purpose of its own, a new name for one it
/// inherits, or one it does not offer (the trust in the seeds asks only about school and trust accounts).
/// </summary>
public class ConsentPurposeSetting : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public bool Offered { get; set; }
}
