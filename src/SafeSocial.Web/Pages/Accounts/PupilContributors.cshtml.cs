using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>The add-a-pupil form, as the account page and this page show it: the error, if any, and the choice kept.</summary>
public sealed record AddPupilContributorForm(OfficialAccount Account, IReadOnlyList<ContributorCandidate> Candidates, Guid? Selected, string? Error);

/// <summary>
/// Adds and removes an account's pupil contributors (the account page's section posts here). A refusal is shown on this
/// page with the pupil still chosen; success goes back to the account page.
/// </summary>
[RequirePermission(Permission.ManageAccounts)]
public class PupilContributorsModel(PupilContributors contributors) : PageModel
{
    [BindProperty] public Guid? PupilId { get; set; }

    public AddPupilContributorForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, CancellationToken ct) =>
        await LoadAsync(orgId, accountId, null, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        var outcome = await contributors.AddAsync(orgId, accountId, PupilId, ct);
        if (!outcome.Found) return NotFound();
        if (outcome.Succeeded) return Back(orgId, accountId, $"{await NameAsync(orgId, accountId, ct)} can now contribute to this account: create their own sign-in on the platform");
        var error = outcome.Problems[0].Message;
        ModelState.AddModelError(nameof(PupilId), error);
        return await LoadAsync(orgId, accountId, error, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (PupilId is not { } id) return NotFound();
        var name = await NameAsync(orgId, accountId, ct);
        var outcome = await contributors.RemoveAsync(orgId, accountId, id, ct);
        return outcome.Found ? Back(orgId, accountId, $"{name} no longer contributes to this account: remove their sign-in on the platform too") : NotFound();
    }

    private async Task<string?> NameAsync(Guid orgId, Guid accountId, CancellationToken ct) =>
        (await contributors.PanelAsync(orgId, accountId, false, ct))?.Contributors.FirstOrDefault(c => c.PupilId == PupilId)?.Name;

    private RedirectResult Back(Guid orgId, Guid accountId, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/o/{orgId}/accounts/{accountId}#pupil-contributors");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid accountId, string? error, CancellationToken ct)
    {
        var panel = await contributors.PanelAsync(orgId, accountId, true, ct);
        if (panel is null) return false;
        Form = new AddPupilContributorForm(panel.Account, panel.Candidates, PupilId, error);
        return true;
    }
}
