using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Parents;

/// <summary>The portal's home: each child the signed-in parent holds parental responsibility for, with every answer as it stands.</summary>
[RequireParent]
public class IndexModel(ParentFamily families, CampaignLinks links) : PageModel
{
    public Family Family { get; private set; } = null!;
    public IReadOnlyList<ChildConsent> Children { get; private set; } = [];
    public string? SavedFor => TempData["SavedFor"] as string;
    public IReadOnlyList<string> SavedChanges => (TempData["SavedChanges"] as string)?.Split('\n') ?? [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await PortalSession.FamilyAsync(HttpContext, families, links, ct) is not { } family) return Redirect(PortalSession.LinkEndedPath);
        Family = family;
        var children = new List<ChildConsent>();
        foreach (var child in Family.Children) children.Add((await families.ConsentOfAsync(Family, child.PupilId, ct))!);
        Children = children;
        return Page();
    }
}
