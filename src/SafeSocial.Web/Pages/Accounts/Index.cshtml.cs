using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>One organisation's official accounts in the register.</summary>
public sealed record RegisterSection(Guid OrganisationId, string OrganisationName, IReadOnlyList<OfficialAccount> Accounts);

/// <summary>
/// The register of a school's official accounts, with where each stands. A trust's register adds each of its schools'
/// accounts under the school's name, so that its head of communications sees every account in one place.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public class IndexModel(AccountRegister register, AccountReminders reminders, CurrentPerson person) : PageModel
{
    public IReadOnlyList<RegisterSection> Sections { get; private set; } = [];
    public Guid OrgId { get; private set; }
    public bool IsTrust { get; private set; }
    public bool CanRequest { get; private set; }
    /// <summary>Accounts whose password must change because an admin's access ended.</summary>
    public IReadOnlySet<Guid> PasswordChangeDue { get; private set; } = new HashSet<Guid>();
    /// <summary>Each account's admins, their training and when its password last changed.</summary>
    public IReadOnlyDictionary<Guid, AccountCare> Care { get; private set; } = new Dictionary<Guid, AccountCare>();
    public string? Message { get; private set; }

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        var access = await person.AccessAsync();
        var here = access.In(orgId)!;
        var schools = here.Kind == OrganisationKind.Trust
            ? access.Memberships.Where(m => m.TrustId == orgId && m.Permissions.Contains(Permission.ViewPeople)).OrderBy(m => m.OrganisationName, StringComparer.Ordinal).ToList()
            : [];
        var orgs = schools.Prepend(here).ToList();
        var orgIds = orgs.Select(o => o.OrganisationId).ToList();
        var accounts = await register.ListAsync(orgIds, ct);
        // Every school is listed, one without accounts saying so: a trust must see where none are registered.
        Sections = orgs.Select(o => new RegisterSection(o.OrganisationId, o.OrganisationName, accounts.Where(a => a.OrganisationId == o.OrganisationId).ToList())).ToList();
        Care = await register.CareAsync(accounts.Select(a => a.Id).ToList(), ct);
        PasswordChangeDue = await reminders.PasswordChangeDueAsync(orgIds, ct);
        (OrgId, IsTrust) = (orgId, here.Kind == OrganisationKind.Trust);
        CanRequest = here.Permissions.Contains(Permission.ManageAccounts);
        Message = TempData["Message"] as string;
    }
}
