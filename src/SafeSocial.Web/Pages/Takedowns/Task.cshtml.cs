using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Takedowns;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Takedowns;

/// <summary>One takedown: what, why and by when; mark it done, record that it cannot be done (with why), or change its owner.</summary>
[RequirePermission(Permission.ManageTakedowns)]
public class TaskModel(TakedownService takedowns, TakedownOwners owners, CurrentPerson person, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? UnableReason { get; set; }
    [BindProperty] public Guid? OwnerId { get; set; }

    public TakedownRow Takedown { get; private set; } = null!;
    public IReadOnlyList<TakedownOwnerOption> Owners { get; private set; } = [];
    public Guid OrgId { get; private set; }
    public DateOnly Today { get; private set; }
    public bool CanViewPupil { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid taskId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, taskId, ct)) return NotFound();
        Message = TempData["Message"] as string;
        OwnerId = Takedown.OwnerStaffMemberId;
        return Page();
    }

    public Task<IActionResult> OnPostDoneAsync(Guid orgId, Guid taskId, CancellationToken ct) =>
        ChangeAsync(orgId, taskId, () => takedowns.MarkDoneAsync(orgId, taskId, Note, ct), "The takedown is marked as done", ct);

    public Task<IActionResult> OnPostUnableAsync(Guid orgId, Guid taskId, CancellationToken ct) =>
        ChangeAsync(orgId, taskId, () => takedowns.MarkUnableAsync(orgId, taskId, UnableReason, ct), "The takedown is recorded as one that could not be done", ct);

    public Task<IActionResult> OnPostOwnerAsync(Guid orgId, Guid taskId, CancellationToken ct) =>
        ChangeAsync(orgId, taskId, () => takedowns.ChangeOwnerAsync(orgId, taskId, OwnerId, ct), null, ct);

    private async Task<IActionResult> ChangeAsync(Guid orgId, Guid taskId, Func<Task<Outcome>> change, string? message, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, taskId, ct)) return NotFound();
        var outcome = await change();
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid)
        {
            OwnerId ??= Takedown.OwnerStaffMemberId;
            return Page();
        }
        TempData["Message"] = message ?? $"{Owners.FirstOrDefault(o => o.StaffMemberId == OwnerId)?.Name} now owns this takedown";
        return Redirect($"/o/{orgId}/takedowns/{taskId}");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid taskId, CancellationToken ct)
    {
        var task = await takedowns.FindAsync(orgId, taskId, ct);
        if (task is null) return false;
        (Takedown, OrgId, Today) = (task, orgId, UkTime.Today(clock));
        CanViewPupil = (await person.AccessAsync()).Can(orgId, Permission.ViewPupilDetails);
        if (task.Status == TakedownStatus.Open) Owners = await owners.CandidatesAsync(orgId, ct);
        return true;
    }
}
