namespace SafeSocial.Core.Consent.Portal;

/// <summary>
/// One request for a parent portal sign-in link. Every request is kept, known address or not, so the
/// per-address limit counts the same for both and cannot reveal which addresses a school holds. Only a
/// known address gets a link: then the address and the SHA-256 of the emailed token are kept, never the token.
/// A parent's email can be on record at several schools, so a request belongs to no one school.
/// </summary>
public class ParentSignInRequest
{
    public Guid Id { get; set; }
    /// <summary>SHA-256 of the address as typed, trimmed and in lower case: what the limit counts by.</summary>
    public required string EmailHash { get; set; }
    /// <summary>The address the link was sent to; null when no school knows the address, so no link was sent.</summary>
    public string? Email { get; set; }
    public string? TokenHash { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
