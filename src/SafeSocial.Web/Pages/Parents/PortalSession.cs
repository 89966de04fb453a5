using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Parents;

/// <summary>
/// The family the signed-in parent sees. Signed in by a campaign email's personal link, that is only the email's children, and
/// only while the link works: the link is checked on every page, so stopping it or closing the campaign ends the session at once.
/// </summary>
public static class PortalSession
{
    /// <summary>Where a parent whose link stopped working is sent: the ordinary sign-in, with why.</summary>
    public const string LinkEndedPath = "/parents/sign-in?link=ended";

    /// <summary>Null (and signed out) when the personal link that signed the parent in no longer works.</summary>
    public static async Task<Family?> FamilyAsync(HttpContext http, ParentFamily families, CampaignLinks links, CancellationToken ct)
    {
        if (ParentPortalAuth.CampaignLinkId(http.User) is not { } linkId)
            return await families.ForEmailAsync(ParentPortalAuth.Email(http.User)!, ct);
        var view = await links.ViewAsync(linkId, ct);
        if (view.State == CampaignLinkState.Valid) return await families.ForLinkAsync(view.Link!, ct);
        await ParentPortalAuth.SignOutAsync(http);
        return null;
    }
}
