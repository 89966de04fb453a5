using System.Text;
using SafeSocial.Core.Accounts;

namespace SafeSocial.Web.Mail;

/// <summary>The emails about approvals: to an approver when a step reaches them, to the person who asked when it is decided.</summary>
public static class ApprovalMail
{
    /// <summary>Queues the letters once the change is saved, like custody notices: the page does not wait for the mail server.</summary>
    public static void Send(MailOutbox outbox, IEnumerable<ApprovalLetter> letters, HttpRequest request, IConfiguration configuration)
    {
        var root = configuration["SafeSocial:PublicUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        foreach (var letter in letters) outbox.Enqueue(Compose(letter, root));
    }

    public static OutgoingMail Compose(ApprovalLetter l, string siteRoot)
    {
        var what = l.AdminName is { } admin ? $"{admin} as an admin of the official account {l.Account}" : $"the new official account {l.Account}";
        var body = new StringBuilder().AppendLine($"Dear {l.Name},").AppendLine();
        var about = l.AdminName is { } name ? $"{name} as an admin of {l.Account}" : l.Account;
        var subject = l.Kind switch
        {
            ApprovalLetterKind.StepWaiting => $"Your approval is needed: {about}",
            ApprovalLetterKind.Approved => $"Approved: {about}",
            _ => $"Refused: {about}",
        };
        switch (l.Kind)
        {
            case ApprovalLetterKind.StepWaiting:
                body.AppendLine($"Your decision is needed on {what}, as {ApprovalSteps.Title(l.Step!.Value).ToLowerInvariant()}.");
                body.AppendLine(l.Reason is null ? $"It was last acted on by {l.DecidedBy}." : $"It was last acted on by {l.DecidedBy}, who wrote: {l.Reason}");
                body.AppendLine().AppendLine("Read the case and the risk assessment, then approve or refuse it here:");
                break;
            case ApprovalLetterKind.Approved:
                body.AppendLine($"Your request for {what} has every approval it needs. The last was given by {l.DecidedBy}.");
                body.AppendLine(l.AdminName is null ? "Next, add a trained admin to run the account." : $"{l.AdminName} is now an admin of the account.");
                body.AppendLine().AppendLine("See it here:");
                break;
            default:
                body.AppendLine($"Your request for {what} was refused by {l.DecidedBy}.");
                body.AppendLine($"The reason they gave: {l.Reason}");
                body.AppendLine().AppendLine("See it here:");
                break;
        }
        body.AppendLine($"{siteRoot}{l.Path}");
        return new OutgoingMail(l.To, subject, body.ToString());
    }
}
