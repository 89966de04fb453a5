using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.People;

namespace SafeSocial.Web.Pages.Consent.Campaigns;

public static class CampaignText
{
    public static string Scope(ConsentCampaign c) => c.WholeSchool ? "The whole school" : string.Join(", ", c.YearGroups.Select(YearGroups.Label));

    public static string Kind(CampaignSendKind kind) => kind == CampaignSendKind.Reminders ? "Reminders" : "Invitations";

    /// <summary>The kind as the send page's address spells it.</summary>
    public static string Slug(CampaignSendKind kind) => Kind(kind).ToLowerInvariant();
    public static CampaignSendKind? KindOf(string? slug) => slug switch { "invitations" => CampaignSendKind.Invitations, "reminders" => CampaignSendKind.Reminders, _ => null };

    public static string Pupils(int n) => n == 1 ? "1 pupil" : $"{n:N0} pupils";
    public static string Emails(int n) => n == 1 ? "1 email" : $"{n:N0} emails";
    public static string Families(int n) => n == 1 ? "1 family" : $"{n:N0} families";
}
