using SafeSocial.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Staff;

[RequirePermission(Permission.ViewPeople)]
public class IndexModel(StaffService staff, CurrentPerson person, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public bool Leavers { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Membership Membership { get; private set; } = null!;
    public ResultPage<StaffRow> Results { get; private set; } = new([], 0, 1, StaffService.PageSize);
    public DateOnly Today { get; private set; }
    public bool CanManage => Membership.Permissions.Contains(Permission.ManagePeople);
    public string? Message { get; private set; }

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Today = UkTime.Today(clock);
        Message = TempData["Message"] as string;
        Results = await staff.ListAsync(orgId, new StaffQuery(Search?.Trim(), Leavers, PageNumber), ct);
    }

    public string PageUrl(int number)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Search)) query.Add(new("search", Search.Trim()));
        if (Leavers) query.Add(new("leavers", "true"));
        if (number > 1) query.Add(new("pageNumber", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"/o/{Membership.OrganisationId}/staff" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }
}
