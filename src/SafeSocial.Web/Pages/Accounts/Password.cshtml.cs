using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>Stores new sign-in details for an official account: who and when are recorded, the people with custody told.</summary>
[RequireMembership, ChecksAccessPerRecord]
[EnableRateLimiting(Hosting.CredentialRateLimit.Policy)]
public class PasswordModel(CustodyGate gate, CredentialCustody custody) : PageModel
{
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? RecoveryCodes { get; set; }
    [BindProperty] public string? TwoFactorSeed { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Code { get; set; }

    public CustodyView View { get; private set; } = null!;
    public Guid OrgId { get; private set; }
    public bool Generated { get; private set; }
    /// <summary>Details are stored, so the username may be left blank to keep it.</summary>
    public bool Stored { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, CancellationToken ct) =>
        await LoadAsync(orgId, accountId, ct) ?? Page();

    /// <summary>Fills the password with a strong generated one and shows it, keeping everything else entered.</summary>
    public async Task<IActionResult> OnPostGenerateAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (await LoadAsync(orgId, accountId, ct) is { } refused) return refused;
        ModelState.Clear();
        Password = PasswordGenerator.Generate();
        Generated = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (await LoadAsync(orgId, accountId, ct) is { } refused) return refused;
        if (!View.UsedTwoFactor) return Page();
        if (!View.RecentTwoFactor && await gate.CheckFreshCodeAsync(Code) is { } codeError) ModelState.AddModelError(nameof(Code), codeError);
        if (!ModelState.IsValid) return Page();

        var result = await custody.ChangeAsync(orgId, accountId, new CredentialChange(Username, Password, RecoveryCodes, TwoFactorSeed, Notes), Reason, ct);
        if (!result.Outcome.Found) return NotFound();
        foreach (var p in result.Outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        gate.Send(result.Notices, Request);
        var told = result.Notices.Select(n => n.RecipientName).Distinct().ToList();
        TempData["Message"] = told.Count == 0 ? "The sign-in details were changed" : $"The sign-in details were changed. {string.Join(" and ", told)} {(told.Count == 1 ? "has" : "have")} been told";
        return Redirect($"/o/{orgId}/accounts/{accountId}");
    }

    private async Task<IActionResult?> LoadAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        CustodyGate.NoStore(Response);
        var view = await gate.LoadAsync(orgId, accountId, ct);
        if (view is null) return NotFound();
        if (!view.Rights.CanReveal) return Forbid();
        (View, OrgId, Stored) = (view, orgId, await custody.IsStoredAsync(orgId, accountId, ct));
        return null;
    }
}
