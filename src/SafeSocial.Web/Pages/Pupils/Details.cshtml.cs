using SafeSocial.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Pupils;

[RequirePermission(Permission.ViewPupilDetails)]
public class DetailsModel(PupilService pupils, TimeProvider clock) : PageModel
{
    public PupilDetail Pupil { get; private set; } = null!;
    public Guid OrgId { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<SafeSocial.Core.Takedowns.TakedownRow> Takedowns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid pupilId, [FromServices] SafeSocial.Core.Takedowns.TakedownService takedowns, CancellationToken ct)
    {
        // Another school's pupil is simply not found; the read of this one is audited.
        var pupil = await pupils.ViewAsync(orgId, pupilId, ct);
        if (pupil is null) return NotFound();
        Pupil = pupil;
        OrgId = orgId;
        Today = UkTime.Today(clock);
        Takedowns = await takedowns.ForPupilAsync(orgId, pupilId, ct);
        return Page();
    }
}
