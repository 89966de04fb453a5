using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>Revealed details to show: one part, or (Part null, on emergency access) all of them.</summary>
public sealed record SecretShown(CredentialSecret Secret, SecretPart? Part);

/// <summary>Reveals an official account's sign-in details to its admins and the roles the policy names: a reason, a recent second factor, told to custody.</summary>
[RequireMembership, ChecksAccessPerRecord]
[EnableRateLimiting(Hosting.CredentialRateLimit.Policy)]
public class RevealModel(CustodyGate gate, CredentialCustody custody) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Code { get; set; }
    /// <summary>What to reveal: the password, or only when asked for, the recovery codes or the two-factor seed.</summary>
    [BindProperty] public SecretPart Part { get; set; }

    public CustodyView View { get; private set; } = null!;
    public Guid OrgId { get; private set; }
    /// <summary>Only on the response to a successful reveal: never stored, never redirected.</summary>
    public CredentialSecret? Secret { get; private set; }
    /// <summary>After a reveal: whether recovery codes and a two-factor seed are stored, to offer them.</summary>
    public (bool RecoveryCodes, bool TwoFactorSeed) Stored { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, CancellationToken ct) =>
        await LoadAsync(orgId, accountId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (await LoadAsync(orgId, accountId, ct) is { } refused) return refused;
        if (!View.UsedTwoFactor) return Page();
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Enter why you need the password");
        if (!View.RecentTwoFactor && await gate.CheckFreshCodeAsync(Code) is { } codeError) ModelState.AddModelError(nameof(Code), codeError);
        if (!ModelState.IsValid) return Page();

        var result = await custody.RevealAsync(orgId, accountId, Reason, Part, ct);
        if (!result.Outcome.Found) return NotFound();
        foreach (var p in result.Outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        gate.Send(result.Notices, Request);
        (Secret, Stored) = (result.Secret, result.Stored);
        return Page();
    }

    /// <summary>The refusal to answer with (404 for no such account here, 403 for no custody), or null to go on.</summary>
    private async Task<IActionResult?> LoadAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        CustodyGate.NoStore(Response);
        var view = await gate.LoadAsync(orgId, accountId, ct);
        if (view is null) return NotFound();
        if (!view.Rights.CanReveal) return Forbid();
        (View, OrgId) = (view, orgId);
        return null;
    }
}
