using System.Text;
using SafeSocial.Core;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Web.Pages.Parents;

namespace SafeSocial.Web.Mail;

/// <summary>The parent portal's emails: the sign-in link, and the confirmation that follows every change.</summary>
public static class ParentPortalMail
{
    /// <summary>The address links start with: the configured public address when set, so links are right behind a proxy.</summary>
    public static string Root(HttpRequest request, IConfiguration configuration) =>
        configuration["SafeSocial:PublicUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";

    public static OutgoingMail SignInLink(LinkRequest sent, string link) => new(sent.Email,
        "Your link to sign in to the SafeSocial parent portal",
        $"""
        Dear {sent.ParentName},

        You asked to sign in to the SafeSocial parent portal, where you can see and change what your child's school may do with photos and videos of your child.

        To sign in, open this link:

        {link}

        The link works once, until {UkTime.Format(sent.ExpiresAt!.Value)} (UK time). If it has stopped working, you can ask for a new one from the page it opens.

        If you did not ask for this link, you can ignore this email: nobody can sign in without it.
        """);

    public static OutgoingMail Confirmation(string email, PortalDecider decider, ChildConsent after, IReadOnlyList<ConsentChange> changes, DateTimeOffset changedAt, string portalLink)
    {
        var child = after.Child;
        var text = new StringBuilder()
            .Append($"Dear {decider.Name},\n\n")
            .Append($"You changed your photo and video consent for {child.Name} at {child.SchoolName} through the SafeSocial parent portal on {UkTime.Format(changedAt)} (UK time).\n\n")
            .Append("What you changed:\n");
        foreach (var c in changes) text.Append($"- {c.Purpose.Name}: {PortalText.Change(c)}\n");
        text.Append($"\nWhat {child.FirstName}'s school may do now:\n");
        foreach (var p in after.Purposes) text.Append($"- {p.Purpose.Name}: {PortalText.Standing(p)}\n");
        if (changes.Any(c => c.To == PortalAnswer.No))
            text.Append($"\nA withdrawal takes effect at once: the school will not use new photos or videos of {child.FirstName} for these, and will take down what it has already published where it can.\n");
        text.Append($"\nYou can change your answers at any time: {portalLink}\n\n")
            .Append($"If you did not make this change, contact {child.SchoolName} straight away.\n");
        return new OutgoingMail(email, $"You changed photo consent for {child.Name}", text.ToString());
    }
}
