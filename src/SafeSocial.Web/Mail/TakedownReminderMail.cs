using System.Text;
using SafeSocial.Core;
using SafeSocial.Core.Takedowns;

namespace SafeSocial.Web.Mail;

/// <summary>The daily email to the owner of overdue takedowns: each task, where, when it was due, and its link.</summary>
public static class TakedownReminderMail
{
    /// <param name="siteRoot">The site's public address for links; without one the email gives each task's path.</param>
    public static OutgoingMail Compose(TakedownReminder reminder, string? siteRoot)
    {
        var root = siteRoot?.TrimEnd('/') ?? "";
        var count = reminder.Tasks.Count;
        var body = new StringBuilder();
        body.AppendLine($"Dear {reminder.Name},").AppendLine();
        body.AppendLine(count == 1
            ? "A takedown you own is past its due date. Images of a pupil must come down because their photo consent has ended."
            : $"{count} takedowns you own are past their due date. Images of these pupils must come down because their photo consent has ended.");
        foreach (var task in reminder.Tasks)
        {
            body.AppendLine();
            body.AppendLine($"{task.WhatToTakeDown} ({task.SchoolName}). It was due on {UkTime.Format(task.DueOn)}.");
            body.AppendLine($"{root}/o/{task.OrganisationId}/takedowns/{task.TaskId}");
        }
        body.AppendLine();
        body.AppendLine("When the images are down, mark the task done in SafeSocial. If they cannot be taken down, record why on the same page.");
        body.AppendLine();
        body.Append("You get this email once a day while a takedown you own is overdue.");
        var subject = count == 1 ? "A takedown is overdue" : $"{count} takedowns are overdue";
        return new OutgoingMail(reminder.Email, subject, body.ToString());
    }
}
