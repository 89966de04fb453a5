using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.Pages.Audit;

/// <summary>The organisation's audit trail, newest first and filtered, with a check that nothing in it was tampered with.</summary>
[RequirePermission(Permission.ViewAudit)]
public class IndexModel(SafeSocialDb db, AuditTrailReader reader, AuditVerifier verifier, CurrentPerson person, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true)] public string? RecordType { get; set; }
    [BindProperty(SupportsGet = true)] public string? ActionTaken { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Membership Membership { get; private set; } = null!;
    public AuditTrailPage? Trail { get; private set; }
    public IReadOnlyList<string> RecordTypes { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    /// <summary>Set after "Check the audit trail": this trail's result, then each school's for a trust.</summary>
    public IReadOnlyList<AuditVerification>? Checks { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Who) || !string.IsNullOrWhiteSpace(RecordType) || !string.IsNullOrWhiteSpace(ActionTaken) || !From.IsEmpty || !To.IsEmpty;

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        // Who looked at the trail is part of the trail.
        await db.RecordViewAsync(orgId, "AuditTrail", orgId.ToString(), ct: ct);
        await LoadAsync(orgId, ct);
    }

    public async Task OnPostCheckAsync(Guid orgId, CancellationToken ct)
    {
        Checks = await verifier.VerifyWithSchoolsAsync(orgId, ct);
        CheckedAt = clock.GetUtcNow();
        db.RecordAction(orgId, "Verified", "AuditTrail", orgId.ToString());
        await db.SaveChangesAsync(ct);
        (Who, RecordType, ActionTaken, From, To, PageNumber) = (null, null, null, new(), new(), 1);
        ModelState.Clear();
        await LoadAsync(orgId, ct);
    }

    private async Task LoadAsync(Guid orgId, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        (RecordTypes, Actions) = await reader.ChoicesAsync(orgId, ct);
        // A page number that is not a number (an edited link) means the first page, not an error.
        if (ModelState.Remove("p")) PageNumber = Math.Max(1, PageNumber);
        var from = From.Read(ModelState, nameof(From), "Date from");
        var to = To.Read(ModelState, nameof(To), "Date to");
        if (from is not null && to is not null && to < from)
            ModelState.AddModelError(nameof(To), "Date to must be the same as or after date from");
        if (!ModelState.IsValid) return;
        Trail = await reader.PageAsync(orgId, new AuditFilter(Who, RecordType, ActionTaken, from, to), PageNumber, ct);
    }

    /// <summary>This page's address with the current filters, at another page number.</summary>
    public string PageLink(int pageNumber)
    {
        var query = new Dictionary<string, string?>
        {
            [nameof(Who)] = Who, [nameof(RecordType)] = RecordType, [nameof(ActionTaken)] = ActionTaken,
            ["From.Day"] = From.Day, ["From.Month"] = From.Month, ["From.Year"] = From.Year,
            ["To.Day"] = To.Day, ["To.Month"] = To.Month, ["To.Year"] = To.Year,
            ["p"] = pageNumber.ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            $"/o/{Membership.OrganisationId}/audit", query.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)));
    }
}
