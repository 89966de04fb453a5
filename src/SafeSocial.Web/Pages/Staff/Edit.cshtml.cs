using Microsoft.AspNetCore.Mvc;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.Pages.Staff;

[RequirePermission(Permission.ManagePeople)]
public class EditModel(StaffService staff) : StaffFormModel
{
    public Guid StaffId { get; private set; }
    public string FullName { get; private set; } = "";
    public bool HasSignIn { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        var s = await LoadAsync(orgId, staffId, ct);
        if (s is null) return NotFound();
        Input = new StaffInput
        {
            Kind = s.Kind, FirstName = s.FirstName, LastName = s.LastName, Email = s.Email, JobTitle = s.JobTitle, StartDate = DateParts.Of(s.StartDate),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (await LoadAsync(orgId, staffId, ct) is null) return NotFound();
        var change = ReadInput()!;
        AddProblems(await staff.CheckAsync(orgId, staffId, change, ct));
        if (!ModelState.IsValid) return Page();
        var outcome = await staff.UpdateAsync(orgId, staffId, change, ct);
        if (!outcome.Found) return NotFound();
        if (!outcome.Succeeded)
        {
            AddProblems(outcome.Problems);
            return Page();
        }
        TempData["Message"] = "The details have been saved";
        return Redirect($"/o/{orgId}/staff/{staffId}");
    }

    private async Task<StaffDetail?> LoadAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        var s = await staff.FindAsync(orgId, staffId, ct);
        if (s is null) return null;
        (OrgId, StaffId, FullName, HasSignIn) = (orgId, staffId, s.FullName, s.SignIn == SignInStatus.Active);
        return s;
    }
}
