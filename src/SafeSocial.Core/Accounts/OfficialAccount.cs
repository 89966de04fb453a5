using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Accounts;

public enum Platform { FacebookPage, X, Instagram, YouTubeChannel, TikTok, WordPressBlog, Mastodon, Bluesky, LinkedIn, Other }

public enum AccountStatus { Requested, Approved, Active, Suspended, Closed }

/// <summary>
/// An official social media account of a school or the trust: the case for it and its risk assessment as the
/// trust policy lists them, the email it is registered with, and where its approval stands.
/// </summary>
public class OfficialAccount : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The owning school or trust.</summary>
    public Guid OrganisationId { get; set; }
    public Platform Platform { get; set; }
    /// <summary>The platform's name when <see cref="Platform"/> is Other.</summary>
    public string? OtherPlatformName { get; set; }
    public required string Handle { get; set; }
    public string? Address { get; set; }
    public AccountStatus Status { get; set; }

    // The case for it, in the trust policy's order.
    public required string Purpose { get; set; }
    public required string IntendedOutcomes { get; set; }
    public required string Audience { get; set; }
    public bool PupilsMayContribute { get; set; }
    public bool StaffMayContribute { get; set; }
    public bool ParentsMayContribute { get; set; }
    public bool PublicMayContribute { get; set; }
    public required string ExpectedEngagement { get; set; }
    public required string StaffTime { get; set; }
    public required string Evaluation { get; set; }

    // The risk assessment.
    public required string Hazards { get; set; }
    public required string Controls { get; set; }
    public required string AssessedBy { get; set; }
    public DateOnly AssessedOn { get; set; }
    public DateOnly NextReviewOn { get; set; }

    /// <summary>The official email the account is registered with; on a domain the policy lists.</summary>
    public required string OfficialEmail { get; set; }
    /// <summary>No account is ever created for a pupil younger than this.</summary>
    public int MinimumUserAge { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    public Guid? RequestedByUserId { get; set; }
    /// <summary>Why it was closed, when a refusal closed it.</summary>
    public string? ClosedReason { get; set; }

    /// <summary>When an admin's access ended, so the password must change; answered once the vault's ChangedAt is later.</summary>
    public DateTimeOffset? PasswordChangeDueSince { get; set; }
    /// <summary>Why the password must change: whose access ended and why.</summary>
    public string? PasswordChangeDueReason { get; set; }

    public List<AccountApproval> Approvals { get; set; } = [];

    public string PlatformName => Platform == Platform.Other ? OtherPlatformName ?? "Other" : Platforms.Title(Platform);
}

public static class Platforms
{
    public static string Title(Platform p) => p switch
    {
        Platform.FacebookPage => "Facebook page",
        Platform.X => "X (Twitter)",
        Platform.Instagram => "Instagram",
        Platform.YouTubeChannel => "YouTube channel",
        Platform.TikTok => "TikTok",
        Platform.WordPressBlog => "WordPress blog",
        Platform.Mastodon => "Mastodon",
        Platform.Bluesky => "Bluesky",
        Platform.LinkedIn => "LinkedIn",
        _ => "Other",
    };

    /// <summary>The platform's own minimum age in its terms; 13 for most, 16 for Mastodon's main servers and LinkedIn.</summary>
    public static int MinimumAge(Platform p) => p switch
    {
        Platform.Mastodon => 16,
        Platform.LinkedIn => 16,
        Platform.WordPressBlog => 13,
        _ => 13,
    };

    public static string StatusText(AccountStatus s) => s switch
    {
        AccountStatus.Requested => "Waiting for approval",
        AccountStatus.Approved => "Approved",
        AccountStatus.Active => "Active",
        AccountStatus.Suspended => "Suspended",
        _ => "Closed",
    };

    public static string StatusTagClass(AccountStatus s) => s switch
    {
        AccountStatus.Requested => "govuk-tag--yellow",
        AccountStatus.Approved => "govuk-tag--blue",
        AccountStatus.Active => "govuk-tag--green",
        AccountStatus.Suspended => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };
}
