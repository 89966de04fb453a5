using SafeSocial.Core.Consent;

namespace SafeSocial.Core.Takedowns;

/// <summary>Words for a takedown: what must come down and where, and why, in the school's terms.</summary>
public static class TakedownText
{
    /// <summary>The instruction for one purpose; a school's own purpose is named as the school named it.</summary>
    public static string WhatToTakeDown(string purposeKey, string purposeName, string pupilName) => purposeKey switch
    {
        ConsentPurpose.DisplaysInSchool => $"Take down displays inside school that show {pupilName}",
        ConsentPurpose.SchoolWebsite => $"Remove images of {pupilName} from the school website",
        ConsentPurpose.SchoolSocialMedia => $"Remove images of {pupilName} from the school's social media accounts",
        ConsentPurpose.TrustSocialMedia => $"Remove images of {pupilName} from the trust's social media accounts",
        ConsentPurpose.PressAndLocalMedia => $"Ask press and local media not to use images of {pupilName} again, and to remove any they still show online",
        ConsentPurpose.Video => $"Remove videos showing {pupilName} from wherever the school has published them",
        ConsentPurpose.FirstNameWithImage => $"Remove {pupilName}'s first name from anywhere it is shown with an image of them",
        _ => $"Stop using images of {pupilName} for \u201c{purposeName}\u201d and remove any already in use",
    };

    public static string Reason(TakedownReason reason) => reason switch
    {
        TakedownReason.Withdrawn => "Consent withdrawn",
        TakedownReason.Lapsed => "Consent lapsed",
        TakedownReason.Left => "Pupil left the school",
        _ => reason.ToString(),
    };

    public static string Status(TakedownStatus status) => status switch
    {
        TakedownStatus.Open => "Open",
        TakedownStatus.Done => "Done",
        TakedownStatus.Unable => "Could not be done",
        TakedownStatus.NoLongerNeeded => "Not needed: consent given again",
        _ => status.ToString(),
    };
}
