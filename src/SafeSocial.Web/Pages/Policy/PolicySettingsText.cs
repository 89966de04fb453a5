using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;

namespace SafeSocial.Web.Pages.Policy;

/// <summary>Where a setting's value comes from, in the words the settings pages use.</summary>
public static class PolicySettingsText
{
    public static string Source(SettingSource source, OrganisationKind kind) => source switch
    {
        SettingSource.ThisOrganisation => kind == OrganisationKind.Trust ? "This trust" : "This school",
        SettingSource.Trust => "Trust default",
        _ => "SafeSocial default",
    };

    /// <summary>The same, in the middle of a sentence.</summary>
    public static string Phrase(SettingSource source, OrganisationKind kind) => source switch
    {
        SettingSource.ThisOrganisation => kind == OrganisationKind.Trust ? "this trust's own value" : "this school's own value",
        SettingSource.Trust => "the trust default",
        _ => "SafeSocial's default",
    };
}
