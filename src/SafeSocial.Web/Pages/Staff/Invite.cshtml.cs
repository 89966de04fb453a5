using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Staff;

[RequirePermission(Permission.ManagePeople)]
public class InviteModel(StaffService staff, InvitationService invitations, IMailSender mail, IConfiguration configuration) : PageModel
{
    public StaffDetail Staff { get; private set; } = null!;
    public Guid OrgId { get; private set; }
    public int ValidDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        var (outcome, sent) = await invitations.CreateAsync(orgId, staffId, ct);
        if (!outcome.Found) return NotFound();
        if (sent is null)
        {
            foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
            return Page();
        }
        await mail.SendAsync(InvitationMail.Compose(sent, InvitationMail.Link(Request, configuration, sent.Token)), ct);
        TempData["Message"] = $"An invitation has been emailed to {sent.Email}";
        return Redirect($"/o/{orgId}/staff/{staffId}");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        var s = await staff.FindAsync(orgId, staffId, ct);
        if (s is null) return false;
        (Staff, OrgId) = (s, orgId);
        ValidDays = await invitations.ValidDaysAsync(orgId, ct);
        return true;
    }
}
