using System.Text;
using SafeSocial.Core.Accounts;

namespace SafeSocial.Web.Mail;

/// <summary>The daily email to the people who manage official accounts: each reminder, its account, and its link.</summary>
public static class AccountReminderMail
{
    /// <param name="siteRoot">The site's public address for links; without one the email gives each path.</param>
    public static OutgoingMail Compose(AccountReminder reminder, string? siteRoot)
    {
        var root = siteRoot?.TrimEnd('/') ?? "";
        var count = reminder.Items.Count;
        var body = new StringBuilder();
        body.AppendLine($"Dear {reminder.Name},").AppendLine();
        body.AppendLine(count == 1
            ? "An official social media account you manage needs attention."
            : $"Official social media accounts you manage need attention: {count} things to do.");
        // Someone who manages accounts across a trust reads it school by school, the most urgent first in each.
        foreach (var school in reminder.Items.GroupBy(i => i.OrganisationName).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            body.AppendLine().AppendLine(school.Key).AppendLine(new string('-', school.Key.Length));
            foreach (var item in school.OrderByDescending(i => i.Urgent))
            {
                body.AppendLine();
                body.AppendLine($"{item.Text}.");
                body.AppendLine($"{root}{item.Path}");
            }
        }
        body.AppendLine();
        body.Append("You get this email at most once a day for each of these while it still needs doing, because you can manage official accounts.");
        var subject = count == 1 ? "An official account needs attention" : $"{count} things to do for official accounts";
        return new OutgoingMail(reminder.Email, subject, body.ToString());
    }
}
