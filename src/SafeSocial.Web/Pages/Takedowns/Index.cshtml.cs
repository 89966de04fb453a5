using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Takedowns;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Takedowns;

namespace SafeSocial.Web.Pages.Takedowns;

/// <summary>A school's takedowns, or a trust's across its schools: open ones first, overdue ones marked.</summary>
[RequirePermission(Permission.ManageTakedowns)]
public class IndexModel(TakedownService takedowns, CurrentPerson person, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Label)> Filters =
        [("", "All takedowns"), ("open", "Open"), ("done", "Done"), ("unable", "Could not be done"), ("not-needed", "Not needed")];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Membership Membership { get; private set; } = null!;
    public bool IsTrust => Membership.Kind == OrganisationKind.Trust;
    public DateOnly Today { get; private set; }
    public TakedownCounts Counts { get; private set; } = new(0, 0);
    public ResultPage<TakedownRow> Results { get; private set; } = new([], 0, 1, TakedownService.PageSize);

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        var access = await person.AccessAsync();
        Membership = access.In(orgId)!;
        Today = UkTime.Today(clock);
        var schools = TakedownScope.SchoolIds(access, Membership);
        Status = Filters.Any(f => f.Value == Status) ? Status : "";
        TakedownStatus? status = Status switch { "open" => TakedownStatus.Open, "done" => TakedownStatus.Done, "unable" => TakedownStatus.Unable, "not-needed" => TakedownStatus.NoLongerNeeded, _ => null };
        Counts = await takedowns.CountsAsync(schools, ct);
        Results = await takedowns.ListAsync(schools, status, PageNumber, ct);
    }

    public string PageUrl(int number)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrEmpty(Status)) query.Add(new("status", Status));
        if (number > 1) query.Add(new("pageNumber", number.ToString(CultureInfo.InvariantCulture)));
        return $"/o/{Membership.OrganisationId}/takedowns" + QueryString.Create(query);
    }
}
