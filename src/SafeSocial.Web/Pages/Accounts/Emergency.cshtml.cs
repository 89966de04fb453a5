using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>
/// Emergency access for leadership when the admins are absent (told to everyone with custody at once), and the review
/// of each access by someone else, which with a password change since clears the account's flag.
/// </summary>
[RequireMembership, ChecksAccessPerRecord]
[EnableRateLimiting(Hosting.CredentialRateLimit.Policy)]
public class EmergencyModel(CustodyGate gate, CredentialCustody custody, SafeSocialDb db, CurrentPerson person) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? ReviewNote { get; set; }
    [BindProperty] public Guid? AccessId { get; set; }

    public CustodyView View { get; private set; } = null!;
    public Guid OrgId { get; private set; }
    public CredentialSecret? Secret { get; private set; }
    public IReadOnlyList<EmergencyAccess> Accesses { get; private set; } = [];
    public DateTimeOffset? PasswordChangedAt { get; private set; }
    public Guid? UserId => person.UserId;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (await LoadAsync(orgId, accountId, ct) is { } refused) return refused;
        Message = TempData["Message"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (await LoadAsync(orgId, accountId, ct) is { } refused) return refused;
        if (!View.Rights.CanUseEmergencyAccess) return Forbid();
        if (!View.UsedTwoFactor) return Page();
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter the emergency, and why the admins cannot be reached");
        if (!View.RecentTwoFactor && await gate.CheckFreshCodeAsync(Code) is { } codeError) ModelState.AddModelError(nameof(Code), codeError);
        if (!ModelState.IsValid) return Page();

        var result = await custody.EmergencyAsync(orgId, accountId, Reason, ct);
        if (!result.Outcome.Found) return NotFound();
        foreach (var p in result.Outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        gate.Send(result.Notices, Request);
        Secret = result.Secret;
        await HistoryAsync(orgId, accountId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (await LoadAsync(orgId, accountId, ct) is { } refused) return refused;
        if (!View.Rights.CanReview) return Forbid();
        if (AccessId is not { } id || Accesses.All(x => x.Id != id)) return NotFound();
        var outcome = await custody.ReviewAsync(orgId, id, ReviewNote, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = "Your review is recorded";
        return Redirect($"/o/{orgId}/accounts/{accountId}/emergency");
    }

    private async Task<IActionResult?> LoadAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        CustodyGate.NoStore(Response);
        var view = await gate.LoadAsync(orgId, accountId, ct);
        if (view is null) return NotFound();
        if (!view.Rights.CanUseEmergencyAccess && !view.Rights.CanReview) return Forbid();
        (View, OrgId) = (view, orgId);
        await HistoryAsync(orgId, accountId, ct);
        return null;
    }

    private async Task HistoryAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        Accesses = await db.EmergencyAccesses.AsNoTracking().Where(e => e.OrganisationId == orgId && e.OfficialAccountId == accountId)
            .OrderByDescending(e => e.AccessedAt).ToListAsync(ct);
        PasswordChangedAt = await db.AccountCredentials.Where(c => c.OrganisationId == orgId && c.OfficialAccountId == accountId)
            .Select(c => (DateTimeOffset?)c.ChangedAt).FirstOrDefaultAsync(ct);
    }
}
