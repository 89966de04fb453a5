using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.People;

namespace SafeSocial.Web.Pages.Consent.Campaigns;

public static class CampaignText
{
    public static string Scope(ConsentCampaign c) => c.WholeSchool ? "The whole school" : string.Join(", ", c.YearGroups.Select(YearGroups.Label));

    public static string Kind(CampaignSendKind kind) => kind == CampaignSendKind.Reminders ? "Reminders" : "Invitations";

    public static string Pupils(int n) => n == 1 ? "1 pupil" : $"{n:N0} pupils";
    public static string Emails(int n) => n == 1 ? "1 email" : $"{n:N0} emails";
}
