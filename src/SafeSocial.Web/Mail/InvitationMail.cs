using SafeSocial.Core.Identity;

namespace SafeSocial.Web.Mail;

/// <summary>The invitation email: who invites them, the single-use link, and when it stops working.</summary>
public static class InvitationMail
{
    public static string Link(HttpRequest request, IConfiguration configuration, string token)
    {
        // A configured public address wins, so links are right behind a proxy.
        var root = configuration["SafeSocial:PublicUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        return $"{root}/invitation/{token}";
    }

    public static OutgoingMail Compose(InvitationSent sent, string link) => new(sent.Email,
        $"You are invited to SafeSocial by {sent.OrganisationName}",
        $"""
        Dear {sent.PersonName},

        {sent.OrganisationName} has invited you to SafeSocial, where the school puts its social media policy into practice.

        To choose your password and sign in, open this link:

        {link}

        The link works once, until {sent.ExpiresAt:d MMMM yyyy 'at' HH:mm} (UTC). If it has stopped working, ask the person who invited you to send a new invitation.

        If you were not expecting this email, you can ignore it.
        """);
}
