using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Consent.Campaigns;

/// <summary>
/// The personal link in one campaign email: it opens the parent portal for that address, showing only the children the
/// email was about, until the campaign closes or staff stop it. Only the SHA-256 of the token is kept, never the token.
/// </summary>
public class CampaignLink : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The campaign's school.</summary>
    public Guid OrganisationId { get; set; }
    public Guid CampaignId { get; set; }
    /// <summary>The parent address the email went to.</summary>
    public required string Email { get; set; }
    /// <summary>The children the email named: the link opens no other child, even one of the same family.</summary>
    public List<Guid> PupilIds { get; set; } = [];
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}
