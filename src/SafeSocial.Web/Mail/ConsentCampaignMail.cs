using SafeSocial.Core;
using SafeSocial.Core.Consent.Campaigns;

namespace SafeSocial.Web.Mail;

/// <summary>A campaign's invitation or reminder to one parent address, with its personal link into the portal. The send page previews exactly this.</summary>
public static class ConsentCampaignMail
{
    /// <summary>Where a campaign email's personal link goes; the token is the email's own.</summary>
    public static string LinkPath(string token) => $"/parents/campaign/{token}";

    public static OutgoingMail Compose(CampaignRecipient to, CampaignSendKind kind, string schoolName, string personalLink, DateOnly closesOn, string contact)
    {
        var children = Join(to.Children);
        var subject = kind == CampaignSendKind.Reminders
            ? $"Reminder: {schoolName} is waiting for your photo consent answers for {children}"
            : $"{schoolName} asks for your photo and video consent for {children}";
        var opening = kind == CampaignSendKind.Reminders
            ? $"We have not yet had your answers about photos and videos of {children}. It takes a few minutes."
            : $"{schoolName} asks every parent and carer whether photos and videos of their child may be used, and where: on displays in school, on the school's website, on social media and in the press. We would like your answers for {children}.";
        return new OutgoingMail(to.Email, subject,
            $"""
            Dear {to.Names},

            {opening}

            Please answer by {UkTime.Format(closesOn)}. This link opens your answers for {children} in the SafeSocial parent portal, with no password:

            {personalLink}

            The link is for your family only: please do not forward this email. It works until {UkTime.Format(closesOn)}. After that, sign in at the parent portal with this email address ({to.Email}) to see or change your answers.

            You can answer yes or no for each use, and change your mind at any time. Until you answer, the school treats the answer as no.

            Questions? Contact the school:
            {contact}
            """);
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join("", names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
