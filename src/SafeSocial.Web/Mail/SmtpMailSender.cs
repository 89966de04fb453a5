using System.Net;
using System.Net.Mail;

namespace SafeSocial.Web.Mail;

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "safesocial@localhost";
}

public sealed class SmtpMailSender(SmtpOptions options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        using var client = new SmtpClient(options.Host, options.Port) { EnableSsl = options.EnableSsl };
        if (options.UserName is not null) client.Credentials = new NetworkCredential(options.UserName, options.Password);
        using var message = new MailMessage(options.From, mail.To, mail.Subject, mail.Body);
        await client.SendMailAsync(message, ct);
    }
}
