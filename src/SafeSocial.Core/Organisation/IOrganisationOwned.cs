namespace SafeSocial.Core.Organisation;

/// <summary>A record that belongs to one school or trust; the query filter keeps it there.</summary>
public interface IOrganisationOwned
{
    Guid OrganisationId { get; }
}
