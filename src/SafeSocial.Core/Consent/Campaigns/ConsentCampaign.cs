using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Consent.Campaigns;

/// <summary>
/// A school asking parents for photo consent in bulk: at the start of a year, or for new admissions. A pupil
/// has answered once any decision for them is recorded after the campaign started, by portal, paper or email.
/// </summary>
public class ConsentCampaign : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The school.</summary>
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    /// <summary>The year groups asked, as pupils' records spell them ("R", "1"…); empty for the whole school.</summary>
    public List<string> YearGroups { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }
    public required string StartedBy { get; set; }
    /// <summary>The last day parents are asked to answer by; the emails' personal links work until the end of it.</summary>
    public DateOnly? ClosesOn { get; set; }
    /// <summary>How parents reach the school with questions, as the school words it; shown in every email and paper form.</summary>
    public string? ContactDetails { get; set; }

    public bool WholeSchool => YearGroups.Count == 0;
    /// <summary>Set before anything is sent: the emails carry both.</summary>
    public bool ReadyToSend => ClosesOn is not null && !string.IsNullOrWhiteSpace(ContactDetails);
    public bool IsOpen(DateOnly today) => ClosesOn is { } last && today <= last;
}

public enum CampaignSendKind { Invitations, Reminders }

/// <summary>One sending of a campaign's emails, with what it came to.</summary>
public class ConsentCampaignSend : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid CampaignId { get; set; }
    public CampaignSendKind Kind { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public required string StartedBy { get; set; }
    /// <summary>Null while the emails are going out (or when SafeSocial stopped before they had all gone).</summary>
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Pupils the emails were about: in scope, and for reminders, not yet answered.</summary>
    public int Pupils { get; set; }
    /// <summary>Of those, pupils with no email address for any parent or carer with parental responsibility.</summary>
    public int PupilsWithoutEmail { get; set; }
    /// <summary>One email per parent address.</summary>
    public int EmailsToSend { get; set; }
    public int EmailsSent { get; set; }
    public int EmailsFailed { get; set; }
}
