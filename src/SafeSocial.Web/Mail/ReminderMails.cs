using System.Net.Mail;

namespace SafeSocial.Web.Mail;

/// <summary>Sends a daily check's reminder emails one by one, counting what went and what failed.</summary>
public static class ReminderMails
{
    /// <remarks>Each reminder is already recorded as sent: a failed email is logged, not retried before tomorrow.</remarks>
    public static async Task<(int Sent, int Failed)> SendEachAsync(IMailSender mail, IEnumerable<OutgoingMail> mails, ILogger log, CancellationToken ct)
    {
        var (sent, failed) = (0, 0);
        foreach (var m in mails)
        {
            try { await mail.SendAsync(m, ct); sent++; }
            catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException)
            {
                failed++;
                log.LogError(e, "Could not email the reminder {Subject} to {Email}", m.Subject, m.To);
            }
        }
        return (sent, failed);
    }
}
