using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Consent;

public enum ConsentDecision { Given, Withdrawn, Refused }

/// <summary>How the decision reached the school.</summary>
public enum ConsentSource { PaperForm, Email, ParentPortal, InPerson }

/// <summary>
/// One decision about one purpose for one pupil. Rows are only ever added: the current state is the latest
/// decision, so the whole history stays as evidence.
/// </summary>
public class ConsentRecord : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The pupil's school.</summary>
    public Guid OrganisationId { get; set; }
    public Guid PupilId { get; set; }
    /// <summary>A <see cref="ConsentPurpose.Key"/> from the school's list.</summary>
    public required string Purpose { get; set; }
    public ConsentDecision Decision { get; set; }
    /// <summary>The day the decision was made (the date on a paper form); academic-year consent lapses from it.</summary>
    public DateOnly DecidedOn { get; set; }

    /// <summary>The parent or carer with parental responsibility who decided; null when the pupil decided.</summary>
    public Guid? DecidedByParentId { get; set; }
    /// <summary>The decider's name as it was then, kept should the parent record later go.</summary>
    public required string DecidedByName { get; set; }
    public bool DecidedByPupil { get; set; }
    /// <summary>Who judged the pupil competent to decide for themselves (empty when the pupil was 18 or over).</summary>
    public string? CompetenceAssessedBy { get; set; }
    public DateOnly? CompetenceAssessedOn { get; set; }
    /// <summary>The role in which the assessor judged the pupil competent (empty when the pupil was 18 or over).</summary>
    public Role? CompetenceAssessorRole { get; set; }

    public ConsentSource Source { get; set; }
    /// <summary>The staff member who entered it, or the parent through the portal.</summary>
    public required string RecordedBy { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public enum BiometricDecision { Consented, Objected }

/// <summary>
/// Biometric consent (face matching), kept apart from photo consent because the Protection of Freedoms Act 2012
/// has its own rules: one parent's written consent, no parent objecting, and the pupil's objection overrides.
/// </summary>
public class BiometricConsentRecord : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid PupilId { get; set; }
    public BiometricDecision Decision { get; set; }
    /// <summary>The parent who decided; null when it is the pupil's own objection or consent.</summary>
    public Guid? DecidedByParentId { get; set; }
    public required string DecidedByName { get; set; }
    public bool DecidedByPupil { get; set; }
    /// <summary>The Act asks for written consent; a spoken one is recorded but does not count.</summary>
    public bool InWriting { get; set; }
    public DateOnly DecidedOn { get; set; }
    public ConsentSource Source { get; set; }
    public required string RecordedBy { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
