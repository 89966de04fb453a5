using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>Records a review of an account's risk assessment: who reviewed it, when, and when it is next due.</summary>
[RequirePermission(Permission.ManageAccounts)]
public class ReviewModel(AccountRegister register, AccountLifecycle lifecycle, TimeProvider clock) : PageModel
{
    [BindProperty] public string? AssessedBy { get; set; }
    [BindProperty] public DateParts AssessedOn { get; set; } = new();
    [BindProperty] public DateParts NextReviewOn { get; set; } = new();

    public OfficialAccount Account { get; private set; } = null!;
    public string Root => $"/o/{Account.OrganisationId}/accounts/{Account.Id}";

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, accountId, ct)) return NotFound();
        AssessedOn = DateParts.Of(UkTime.Today(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, accountId, ct)) return NotFound();
        ModelState.Clear();
        var on = AssessedOn.Read(ModelState, nameof(AssessedOn), "The date of the review");
        var next = NextReviewOn.Read(ModelState, nameof(NextReviewOn), "The date of the next review");
        var review = new RiskReview(AssessedBy, on, next);
        // Every problem at once; a date already reported as not real is not reported again.
        foreach (var p in AccountLifecycle.Check(review, UkTime.Today(clock)))
            if (!HasError(p.Field)) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        var outcome = await lifecycle.RecordReviewAsync(orgId, accountId, review, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = $"The review is recorded. The next is due on {UkTime.Format(next!.Value)}";
        return Redirect(Root);
    }

    private bool HasError(string field) =>
        new[] { field, $"{field}.Month", $"{field}.Year" }.Any(k => ModelState.TryGetValue(k, out var e) && e.Errors.Count > 0);

    private async Task<bool> LoadAsync(Guid orgId, Guid accountId, CancellationToken ct)
    {
        var account = await register.FindAsync(orgId, accountId, ct);
        if (account is null || account.Status is AccountStatus.Requested or AccountStatus.Closed) return false;
        Account = account;
        return true;
    }
}
