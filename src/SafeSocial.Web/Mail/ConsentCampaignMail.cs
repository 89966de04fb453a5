using SafeSocial.Core.Consent.Campaigns;

namespace SafeSocial.Web.Mail;

/// <summary>A campaign's invitation or reminder to one parent address, with the way into the portal.</summary>
public static class ConsentCampaignMail
{
    public static OutgoingMail Compose(CampaignRecipient to, CampaignSendKind kind, string schoolName, string signInLink)
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

            Give your answers in the SafeSocial parent portal. There is no password: go to

            {signInLink}

            enter this email address ({to.Email}), and we will email you a link that signs you in.

            You can answer yes or no for each use, and change your mind at any time. Until you answer, the school treats the answer as no.
            """);
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Join("", names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
