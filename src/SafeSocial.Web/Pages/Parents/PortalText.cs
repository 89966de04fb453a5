using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Consent.Portal;

namespace SafeSocial.Web.Pages.Parents;

/// <summary>How the portal words answers, the same on its pages and in its emails.</summary>
public static class PortalText
{
    public static string Answer(PortalAnswer a) => a switch
    {
        PortalAnswer.Yes => "Yes",
        PortalAnswer.No => "No",
        _ => "Not answered",
    };

    /// <summary>A purpose's standing in a parent's words: yes, no (since when), not answered, or needs answering again.</summary>
    public static string Standing(PurposeAnswer p) => p.Standing.Reason switch
    {
        ConsentReason.None => "Yes",
        ConsentReason.Withdrawn => $"No, consent withdrawn on {UkTime.Format(p.Standing.Latest!.DecidedOn)}",
        ConsentReason.PurposeNotGiven => "No",
        ConsentReason.Lapsed => "Not answered this year: your earlier answer has ended",
        _ => "Not answered",
    };

    /// <summary>What the tag alone does not say: since when a withdrawal stands, or that last year's answer has ended.</summary>
    public static string? Detail(PurposeAnswer p) => p.Standing.Reason switch
    {
        ConsentReason.Withdrawn => $"Withdrawn on {UkTime.Format(p.Standing.Latest!.DecidedOn)}",
        ConsentReason.Lapsed => "Your earlier answer has ended: please answer again",
        _ => null,
    };

    public static string Change(ConsentChange c) => c.Decision switch
    {
        ConsentDecision.Withdrawn => "changed from Yes to No (consent withdrawn)",
        _ when c.From == PortalAnswer.None => $"answered {Answer(c.To)}",
        _ => $"changed from {Answer(c.From)} to {Answer(c.To)}",
    };

    /// <summary>What a purpose means for the child, for the question's hint; a school's own purpose has only its name.</summary>
    public static string? Hint(string purposeKey, string firstName) => purposeKey switch
    {
        ConsentPurpose.DisplaysInSchool => $"Photos of {firstName} on noticeboards and displays inside the school, seen by pupils, staff and visitors",
        ConsentPurpose.SchoolWebsite => $"Photos and videos of {firstName} on the school's public website",
        ConsentPurpose.SchoolSocialMedia => $"Photos and videos of {firstName} on the school's own social media accounts",
        ConsentPurpose.TrustSocialMedia => $"Photos and videos of {firstName} on the social media accounts of the trust the school belongs to",
        ConsentPurpose.PressAndLocalMedia => $"Photos of {firstName} given to newspapers and local media, for example after an event",
        ConsentPurpose.Video => $"Videos in which {firstName} can be seen or heard",
        ConsentPurpose.FirstNameWithImage => $"Whether {firstName}'s first name may appear next to a photo or video of them. Without this, images are never captioned with their name",
        _ => null,
    };

    /// <summary>GOV.UK tag colour for an answer; the tag's words carry the meaning, the colour only repeats it.</summary>
    public static string TagClass(PurposeAnswer p) => p.Answer switch
    {
        PortalAnswer.Yes => "govuk-tag--green",
        PortalAnswer.No => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };
}
