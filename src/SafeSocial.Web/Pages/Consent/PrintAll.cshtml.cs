using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>Every class's consent list, one printed page each: the school's whole consent in one query.</summary>
[RequirePermission(Permission.ViewPeople)]
public class PrintAllModel(PupilService pupils, ConsentRoster roster, ConsentPolicyService policies, CurrentPerson person, TimeProvider clock) : PageModel
{
    public Guid OrgId { get; private set; }
    public IReadOnlyList<ClassConsentView> Lists { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid orgId, CancellationToken ct)
    {
        var membership = (await person.AccessAsync()).In(orgId)!;
        if (membership.Kind != OrganisationKind.School) return NotFound();
        OrgId = orgId;
        var policy = await policies.ForAsync(orgId, ct);
        var today = UkTime.Today(clock);
        var rows = await roster.OnRollAsync(orgId, null, policy, today, ct);
        var linkPupils = membership.Permissions.Contains(Permission.ViewPupilDetails);
        Lists = (await pupils.ClassesAsync(orgId, ct))
            .Select(c => new ClassConsentView(orgId, c.Id, c.Label, policy, rows.Where(r => r.ClassId == c.Id).ToList(), today, linkPupils, NameIsHeading: false))
            .ToList();
        return Page();
    }
}
