using System.Text;
using SafeSocial.Core;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Accounts.Custody;

namespace SafeSocial.Web.Mail;

/// <summary>The email telling a person with custody that an official account's password was revealed, changed or opened in an emergency.</summary>
public static class CustodyNoticeMail
{
    public static OutgoingMail Compose(CustodyNotice notice, OfficialAccount account, string siteRoot)
    {
        var what = CustodyEvents.Describe(notice.Event);
        var name = $"{account.Handle} ({account.PlatformName})";
        var body = new StringBuilder();
        body.AppendLine($"Dear {notice.RecipientName},").AppendLine();
        body.AppendLine($"{notice.ActorName} {what} of the official account {name} on {UkTime.Format(notice.OccurredAt)}.");
        if (notice.Reason is not null) body.AppendLine().AppendLine($"The reason they gave: {notice.Reason}");
        body.AppendLine();
        if (notice.Event == CustodyEvent.EmergencyAccess)
        {
            body.AppendLine("Emergency access is for when the account's admins cannot be reached. Everyone with custody of the password is told at once.");
            body.AppendLine("The account stays flagged until someone other than the person who opened it reviews the access, and the password is changed.");
            body.AppendLine();
        }
        body.AppendLine("See the account and its history:");
        body.AppendLine($"{siteRoot}/o/{notice.OrganisationId}/accounts/{notice.OfficialAccountId}");
        body.AppendLine();
        body.Append($"You are told because you are: {notice.RecipientCapacity}. If this was not expected, tell your headteacher or head of communications today.");
        var subject = notice.Event switch
        {
            CustodyEvent.Revealed => $"The password of {name} was revealed",
            CustodyEvent.PasswordChanged => $"The password of {name} was changed",
            CustodyEvent.RecoveryCodesRevealed => $"The recovery codes of {name} were revealed",
            CustodyEvent.TwoFactorSeedRevealed => $"The two-factor seed of {name} was revealed",
            _ => $"Emergency access to {name}",
        };
        return new OutgoingMail(notice.RecipientEmail!, subject, body.ToString());
    }
}
