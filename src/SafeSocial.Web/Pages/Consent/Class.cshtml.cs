using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>One class's consent list: who may appear where today, readable on a phone and printable on one page.</summary>
[RequirePermission(Permission.ViewPeople)]
public class ClassModel(SafeSocialDb db, ConsentRoster roster, ConsentPolicyService policies, CurrentPerson person, TimeProvider clock) : PageModel
{
    public ClassConsentView List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid classId, CancellationToken ct)
    {
        // Another school's class is simply not found.
        var cls = await db.SchoolClasses.AsNoTracking().Where(c => c.OrganisationId == orgId && c.Id == classId).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
        if (cls is null) return NotFound();
        var policy = await policies.ForAsync(orgId, ct);
        var today = UkTime.Today(clock);
        var rows = await roster.OnRollAsync(orgId, classId, policy, today, ct);
        var linkPupils = (await person.AccessAsync()).Can(orgId, Permission.ViewPupilDetails);
        List = new ClassConsentView(orgId, cls.Id, cls.Name, policy, rows, today, linkPupils, NameIsHeading: true);
        return Page();
    }
}
