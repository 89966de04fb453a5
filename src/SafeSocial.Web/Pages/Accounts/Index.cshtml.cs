using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>The register of a school's or trust's official accounts, with where each stands.</summary>
[RequirePermission(Permission.ViewPeople)]
public class IndexModel(AccountRegister register, AccountReminders reminders, CurrentPerson person) : PageModel
{
    public IReadOnlyList<OfficialAccount> Accounts { get; private set; } = [];
    public Guid OrgId { get; private set; }
    public bool CanRequest { get; private set; }
    /// <summary>Accounts whose password must change because an admin's access ended.</summary>
    public IReadOnlySet<Guid> PasswordChangeDue { get; private set; } = new HashSet<Guid>();
    public string? Message { get; private set; }

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        OrgId = orgId;
        Accounts = await register.ListAsync(orgId, ct);
        PasswordChangeDue = await reminders.PasswordChangeDueAsync(orgId, ct);
        CanRequest = (await person.AccessAsync()).Can(orgId, Permission.ManageAccounts);
        Message = TempData["Message"] as string;
    }
}
