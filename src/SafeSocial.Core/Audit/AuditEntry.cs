namespace SafeSocial.Core.Audit;

/// <summary>One append-only line of an organisation's audit trail, chained to the one before by hash.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary>The school or trust whose trail this is; Guid.Empty for system-wide records such as sign-in accounts.</summary>
    public Guid OrganisationId { get; set; }
    /// <summary>1, 2, 3… within the organisation, so a deleted entry leaves a gap.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    /// <summary>Added, Modified, Deleted, Viewed, or a named action such as SignedIn.</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>JSON: field → [before, after].</summary>
    public string? Changes { get; set; }
    public string? Reason { get; set; }
    public string? IpAddress { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>The last sequence and hash of each organisation's trail, so a truncated tail is detected too.</summary>
public class AuditChainHead
{
    public Guid OrganisationId { get; set; }
    public long Sequence { get; set; }
    public required string Hash { get; set; }
}
