using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Policy;

/// <summary>Each policy setting's value in force and where it comes from: SafeSocial's default, the trust, or the school itself.</summary>
[RequireMembership]
public class SettingsModel(PolicySettingsService settings, CurrentPerson person) : PageModel
{
    public Membership Membership { get; private set; } = null!;
    public LayeredSettings Settings { get; private set; } = null!;
    public bool CanManage => Membership.Permissions.Contains(Permission.ManagePolicy);
    [TempData] public string? Changed { get; set; }

    /// <summary>The consent purposes asked about, listed here beside validity and takedown days (changed on their own page).</summary>
    public IReadOnlyList<Core.Consent.ConsentPurpose> ConsentPurposes { get; private set; } = [];

    public async Task OnGetAsync(Guid orgId, [FromServices] Core.Consent.ConsentPolicyService consent, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Settings = await settings.LayersForAsync(orgId, ct);
        ConsentPurposes = (await consent.PurposesAsync(orgId, ct)).Where(p => p.Offered).Select(p => p.Purpose).ToList();
    }

    public string SourceText(SettingSource source) => PolicySettingsText.Source(source, Membership.Kind);
}
