using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Accounts.Custody;

/// <summary>
/// Leadership opened an official account while its admins were absent. The account stays flagged until someone else
/// has reviewed the access and the password has been changed since.
/// </summary>
public class EmergencyAccess : IOrganisationOwned
{
    public const int ReasonLength = 500;
    public const int ReviewNoteLength = 2000;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid OfficialAccountId { get; set; }
    public DateTimeOffset AccessedAt { get; set; }
    public required string AccessedBy { get; set; }
    public Guid? AccessedByUserId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public Guid? ReviewedByUserId { get; set; }
    public string? ReviewNote { get; set; }

    /// <summary>What is still needed before the flag clears; empty once reviewed and the password changed since.</summary>
    public IReadOnlyList<string> StillNeeded(DateTimeOffset? passwordChangedAt)
    {
        var needed = new List<string>();
        if (ReviewedAt is null) needed.Add("a review by someone other than " + AccessedBy);
        if (passwordChangedAt is not { } changed || changed <= AccessedAt) needed.Add("a password change");
        return needed;
    }
}
