using Microsoft.AspNetCore.Mvc;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Staff;

[RequirePermission(Permission.ManagePeople)]
public class AddModel(StaffService staff) : StaffFormModel
{
    public void OnGet(Guid orgId) => OrgId = orgId;

    public async Task<IActionResult> OnPostAsync(Guid orgId, CancellationToken ct)
    {
        OrgId = orgId;
        var change = ReadInput()!;
        AddProblems(await staff.CheckAsync(orgId, null, change, ct));
        if (!ModelState.IsValid) return Page();
        var (outcome, id) = await staff.AddAsync(orgId, change, ct);
        if (!outcome.Succeeded)
        {
            AddProblems(outcome.Problems);
            return Page();
        }
        TempData["Message"] = $"{change.FirstName!.Trim()} {change.LastName!.Trim()} has been added. Give them a role so they can use SafeSocial";
        return Redirect($"/o/{orgId}/staff/{id}");
    }
}
