using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Policy;

/// <summary>The school's (or trust's) social media policy: the current version's key details, its review, and every version before.</summary>
[RequireMembership]
public class IndexModel(PolicyVersionService policy, CurrentPerson person) : PageModel
{
    public Membership Membership { get; private set; } = null!;
    public PolicyOverview Overview { get; private set; } = null!;
    public IReadOnlyList<SchoolPolicyStatus> Schools { get; private set; } = [];
    public bool CanManage => Membership.Permissions.Contains(Permission.ManagePolicy);
    [TempData] public string? Recorded { get; set; }

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Overview = await policy.OverviewAsync(orgId, ct);
        if (Membership.Kind == OrganisationKind.Trust) Schools = await policy.SchoolsOfTrustAsync(orgId, ct);
    }

    /// <summary>
    /// The key roles with the people who hold them today (the school's current staff), and whom the version names: the
    /// version keeps the names as they were when it was recorded, which may be no one for a version recorded before roles were given.
    /// </summary>
    public IReadOnlyList<(string Role, IReadOnlyList<string> Now, string Named)> KeyRoles(PolicyVersion v)
    {
        var now = Overview.PeopleNow;
        return
        [
            ("Headteacher", now.Headteachers, v.Headteachers),
            ("Designated safeguarding lead", now.SafeguardingLeads, v.SafeguardingLeads),
            ("Deputy designated safeguarding leads", now.DeputySafeguardingLeads, v.DeputySafeguardingLeads),
            ("Named governor for online safety", now.NamedGovernors, v.NamedGovernor),
        ];
    }

    public string CycleText(PolicyVersion v) => v.ReviewCycleMonths is { } own
        ? $"Every {own} months (chosen for this version)"
        : $"Every {Overview.Settings.ReviewCycleMonths} months (from the policy settings)";
}
