using SafeSocial.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Pupils;

[RequirePermission(Permission.ViewPeople)]
public class IndexModel(PupilService pupils, CurrentPerson person) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Class { get; set; }
    [BindProperty(SupportsGet = true)] public bool Leavers { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Guid OrgId { get; private set; }
    public bool CanViewDetails { get; private set; }
    public IReadOnlyList<ClassOption> Classes { get; private set; } = [];
    public IReadOnlyList<string> YearGroupOptions { get; private set; } = [];
    public ResultPage<PupilRow> Results { get; private set; } = new([], 0, 1, PupilService.PageSize);
    public DateOnly Today { get; private set; }
    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || !string.IsNullOrEmpty(Year) || Class is not null || Leavers;

    public async Task<IActionResult> OnGetAsync(Guid orgId, [FromServices] TimeProvider clock, [FromServices] ConsentPolicyService policies, CancellationToken ct)
    {
        var membership = (await person.AccessAsync()).In(orgId)!;
        if (membership.Kind != OrganisationKind.School) return NotFound();
        OrgId = orgId;
        CanViewDetails = membership.Permissions.Contains(Permission.ViewPupilDetails);
        Today = UkTime.Today(clock);
        Classes = await pupils.ClassesAsync(orgId, ct);
        YearGroupOptions = YearGroups.InOrder(Classes.Where(c => c.YearGroup is not null).Select(c => c.YearGroup!)).ToList();
        // The consent badges come in the search's own query; the policy is remembered briefly (ConsentPolicyService).
        var consent = await policies.ForAsync(orgId, ct);
        Results = await pupils.SearchAsync(orgId, new PupilQuery(Search?.Trim(), Year, Class, Leavers, PageNumber), consent, ct);
        return Page();
    }

    public string PageUrl(int number)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Search)) query.Add(new("search", Search.Trim()));
        if (!string.IsNullOrEmpty(Year)) query.Add(new("year", Year));
        if (Class is { } c) query.Add(new("class", c.ToString()));
        if (Leavers) query.Add(new("leavers", "true"));
        if (number > 1) query.Add(new("pageNumber", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"/o/{OrgId}/pupils" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }
}
