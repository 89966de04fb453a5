namespace SafeSocial.Core.Audit;

/// <summary>Who is acting, from where and why, for the audit entries of this unit of work.</summary>
public sealed class AuditContext
{
    public Guid? ActorUserId { get; set; }
    public string ActorName { get; set; } = "System";
    public string? IpAddress { get; set; }
    /// <summary>The reason the person gave for the change being saved, where the action asks for one.</summary>
    public string? Reason { get; set; }

    public void ActAs(Guid? userId, string name, string? ipAddress)
    {
        ActorUserId = userId;
        ActorName = name;
        IpAddress = ipAddress;
    }
}
