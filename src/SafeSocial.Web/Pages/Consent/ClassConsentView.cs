using SafeSocial.Core.Consent;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>One class's consent list as the class page and the print-all page show it.</summary>
public sealed record ClassConsentView(Guid OrgId, Guid ClassId, string ClassName, ConsentPolicy Policy, IReadOnlyList<PupilConsentRow> Rows,
    DateOnly Today, bool LinkPupils, bool NameIsHeading)
{
    public IReadOnlyList<ConsentPurpose> Channels { get; } = ConsentRoster.Channels(Policy);
    public bool AsksAboutFirstName => Policy.HasPurpose(ConsentPurpose.FirstNameWithImage);

    /// <summary>Pupils who may not appear anywhere: the first thing a teacher with a camera needs to know.</summary>
    public IReadOnlyList<PupilConsentRow> NotAtAll => Rows.Where(r => ConsentRoster.Level(r, Policy) == ConsentLevel.NoConsent).ToList();
}
