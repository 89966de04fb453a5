using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Accounts;

/// <summary>Asks for a new official account: the case for it, its risk assessment and its official email, on one page.</summary>
[RequirePermission(Permission.ManageAccounts)]
public class RequestModel(AccountRegister register, AccountApprovals approvals, MailOutbox outbox, IConfiguration configuration, TimeProvider clock) : PageModel
{
    private static readonly string[] DateFields = [nameof(AccountRequest.AssessedOn), nameof(AccountRequest.NextReviewOn)];

    [BindProperty] public AccountRequest Input { get; set; } = new();
    [BindProperty] public DateParts AssessedOn { get; set; } = new();
    [BindProperty] public DateParts NextReviewOn { get; set; } = new();

    public Guid OrgId { get; private set; }
    public IReadOnlyList<string> Domains { get; private set; } = [];

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        OrgId = orgId;
        Domains = await register.AllowedDomainsAsync(orgId, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, CancellationToken ct)
    {
        OrgId = orgId;
        Domains = await register.AllowedDomainsAsync(orgId, ct);
        // Binding's own wording for a bad number or platform is not the school's: say what to fix instead.
        ReplaceBindingError("Input.MinimumUserAge", "Enter the minimum user age as a whole number, like 13");
        ReplaceBindingError("Input.Platform", "Select the platform");
        Input.AssessedOn = AssessedOn.Read(ModelState, nameof(AssessedOn), "The date the risks were assessed");
        Input.NextReviewOn = NextReviewOn.Read(ModelState, nameof(NextReviewOn), "The date of the next review");
        if (!ModelState.IsValid)
        {
            // Still check every other field, so one bad date does not hide the rest.
            foreach (var p in Input.Check(Domains, SafeSocial.Core.UkTime.Today(clock))) AddProblem(p.Field, p.Message);
            return Page();
        }
        var (id, outcome) = await register.RequestAsync(orgId, Input, ct);
        foreach (var p in outcome.Problems) AddProblem(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        var letters = await approvals.AskFirstAsync(orgId, id!.Value, ct);
        ApprovalMail.Send(outbox, letters, Request, configuration);
        TempData["Message"] = $"The request for {Input.Handle!.Trim()} is waiting for approval. The headteacher is now asked";
        return Redirect($"/o/{orgId}/accounts/{id}");
    }

    private void AddProblem(string field, string message)
    {
        var key = DateFields.Contains(field) ? field : $"Input.{field}";
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0) return;
        if (DateFields.Contains(field) && (ModelState.TryGetValue($"{key}.Month", out var m) && m.Errors.Count > 0 || ModelState.TryGetValue($"{key}.Year", out var y) && y.Errors.Count > 0)) return;
        ModelState.AddModelError(key, message);
    }

    private void ReplaceBindingError(string key, string message)
    {
        if (!ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0) return;
        entry.Errors.Clear();
        ModelState.AddModelError(key, message);
    }
}
