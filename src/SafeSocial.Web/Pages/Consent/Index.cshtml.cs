using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>
/// Consent coverage per purpose, and per year group (a school) or per school (a trust). Open to everyone who may
/// see the pupil lists (ViewPeople), not only those who record consent: the figures name nobody, and teachers chasing
/// forms and governors overseeing the policy need them as much as the office does.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public class IndexModel(ConsentCoverage coverage, CurrentPerson person) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Purpose { get; set; }

    public Membership Membership { get; private set; } = null!;
    public CoverageReport Report { get; private set; } = null!;
    public ConsentPurpose? Chosen { get; private set; }
    public bool IsTrust => Membership.Kind == OrganisationKind.Trust;

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Report = await coverage.ForAsync(orgId, ct);
        Chosen = Report.Purposes.FirstOrDefault(p => p.Key == Purpose) ?? (Report.Purposes.Count > 0 ? Report.Purposes[0] : null);
    }
}
