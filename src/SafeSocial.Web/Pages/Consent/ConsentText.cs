using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>Consent in the words staff and parents use: never an enum name on a page.</summary>
public static class ConsentText
{
    public static string Date(DateOnly d) => Core.UkTime.Format(d);

    /// <summary>Where a pupil stands today, with the day it changed where that matters.</summary>
    public static string Standing(ConsentStanding s, ConsentPolicy policy, DateOnly? leavingDate) => s.Reason switch
    {
        ConsentReason.None => "Given",
        ConsentReason.NoAnswer => "No answer",
        ConsentReason.Withdrawn => $"Withdrawn on {Date(s.Latest!.DecidedOn)}",
        ConsentReason.Lapsed when LapsedOn(s, policy, leavingDate) is { } on => $"Lapsed on {Date(on)}",
        ConsentReason.Lapsed => "Lapsed",
        _ => "Not given",
    };

    /// <summary>The first day a given consent stopped counting: the day after its academic year, or the leaving day.</summary>
    public static DateOnly? LapsedOn(ConsentStanding s, ConsentPolicy policy, DateOnly? leavingDate)
    {
        var endOfYear = s.Latest is { } r ? policy.LastValidDay(r.DecidedOn)?.AddDays(1) : null;
        return (endOfYear, leavingDate) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }

    /// <summary>The short form for lists: "Yes", or why not.</summary>
    public static string Brief(ConsentReason reason) => reason switch
    {
        ConsentReason.None => "Yes",
        ConsentReason.NoAnswer => "No answer",
        ConsentReason.Withdrawn => "Withdrawn",
        ConsentReason.Lapsed => "Lapsed",
        ConsentReason.FirstNameNotAllowed => "Name not allowed",
        _ => "Not given",
    };

    public static string TagClass(ConsentReason reason) => reason switch
    {
        ConsentReason.None => "govuk-tag--green",
        ConsentReason.NoAnswer => "govuk-tag--grey",
        ConsentReason.Lapsed => "govuk-tag--orange",
        _ => "govuk-tag--red",
    };

    public static string Decision(ConsentDecision d) => d switch
    {
        ConsentDecision.Given => "Given",
        ConsentDecision.Withdrawn => "Withdrawn",
        _ => "Not given",
    };

    public static string Source(ConsentSource s) => s switch
    {
        ConsentSource.PaperForm => "Paper form",
        ConsentSource.Email => "Email",
        ConsentSource.ParentPortal => "Parent portal",
        _ => "In person",
    };

    /// <summary>Who decided: the parent by name, or the pupil with the competence judgement behind it.</summary>
    public static string DecidedBy(ConsentRecord r) => !r.DecidedByPupil ? r.DecidedByName
        : r.CompetenceAssessedBy is { Length: > 0 } by
            ? $"{r.DecidedByName}, the pupil (judged competent by {by}{(r.CompetenceAssessorRole is { } role ? $", {role.Title().ToLowerInvariant()}" : "")}{(r.CompetenceAssessedOn is { } on ? $" on {Date(on)}" : "")})"
            : $"{r.DecidedByName}, the pupil (18 or over)";

    public static string Recorded(string recordedBy, DateTimeOffset at) => $"{recordedBy}, {Core.UkTime.Format(at)}";

    public static (string Text, string TagClass) Level(ConsentLevel level) => level switch
    {
        ConsentLevel.AllPurposes => ("All purposes", "govuk-tag--green"),
        ConsentLevel.SomePurposes => ("Some purposes", "govuk-tag--yellow"),
        _ => ("No consent", "govuk-tag--red"),
    };

    public static string Biometric(BiometricStanding s) => s switch
    {
        BiometricStanding.Allowed => "A parent has consented in writing and nobody objects",
        BiometricStanding.PupilObjects => "The pupil objects, which overrides any parent's consent",
        BiometricStanding.ParentObjects => "A parent objects, so nobody's consent counts",
        _ => "No parent has consented in writing",
    };

    public static string BiometricDecision(BiometricConsentRecord r) =>
        (r.Decision == Core.Consent.BiometricDecision.Consented ? "Consented" : "Objected") + (r.DecidedByPupil ? "" : r.InWriting ? ", in writing" : ", not in writing");
}
