namespace SafeSocial.Web.Mail;

public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>Sends mail: by SMTP when a server is configured, otherwise into the data folder for the development mailbox.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}
