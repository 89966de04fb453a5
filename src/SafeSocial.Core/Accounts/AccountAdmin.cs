using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Accounts;

/// <summary>A named, trained person who runs an official account.</summary>
public class AccountAdmin : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid OfficialAccountId { get; set; }
    public Guid StaffMemberId { get; set; }
    public StaffMember? StaffMember { get; set; }
    public DateOnly AddedOn { get; set; }
    public required string AddedBy { get; set; }
    public Guid? AddedByUserId { get; set; }
}

/// <summary>A minimal record of training a staff member completed (the training capability comes later).</summary>
public class TrainingRecord : IOrganisationOwned
{
    public const string OfficialAccountTraining = "Official account training";

    public Guid Id { get; set; }
    /// <summary>The staff member's own organisation.</summary>
    public Guid OrganisationId { get; set; }
    public Guid StaffMemberId { get; set; }
    public required string Type { get; set; }
    public DateOnly CompletedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }

    public bool IsCurrent(DateOnly today) => CompletedOn <= today && (ExpiresOn is not { } e || e >= today);
}
