using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.Pages.Staff;

/// <summary>A person's training, and recording what they completed (official account training lets them run an account).</summary>
[RequirePermission(Permission.ViewPeople)]
public class TrainingModel(StaffService staff, StaffTraining training, CurrentPerson person, TimeProvider clock) : PageModel
{
    public const string Other = "other";

    /// <summary>"official" for the official account training, <see cref="Other"/> for training named in <see cref="OtherType"/>.</summary>
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? OtherType { get; set; }
    [BindProperty] public DateParts CompletedOn { get; set; } = new();
    [BindProperty] public DateParts ExpiresOn { get; set; } = new();

    public StaffDetail Staff { get; private set; } = null!;
    public IReadOnlyList<TrainingRecord> Records { get; private set; } = [];
    public Guid OrgId { get; private set; }
    public DateOnly Today { get; private set; }
    public bool CanRecord { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        Kind = "official";
        Message = TempData["Message"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, staffId, ct)) return NotFound();
        // Recording is for those who look after people or official accounts; the page itself is open to anyone who sees people.
        if (!CanRecord) return Forbid();
        ModelState.Clear();
        var type = Kind switch { "official" => TrainingRecord.OfficialAccountTraining, Other => OtherType, _ => null };
        if (Kind is not ("official" or Other)) ModelState.AddModelError(nameof(Kind), "Select the training");
        var entry = new TrainingEntry(type, CompletedOn.Read(ModelState, nameof(CompletedOn), "The date completed"),
            ExpiresOn.Read(ModelState, nameof(ExpiresOn), "The expiry date"));
        foreach (var p in StaffTraining.Check(entry, Today))
        {
            var key = p.Field == nameof(TrainingEntry.Type) ? (Kind == Other ? nameof(OtherType) : nameof(Kind)) : p.Field;
            if (!HasError(key)) ModelState.AddModelError(key, p.Message);
        }
        if (!ModelState.IsValid) return Page();
        var outcome = await training.RecordAsync(orgId, staffId, entry, ct);
        if (!outcome.Found) return NotFound();
        foreach (var p in outcome.Problems) ModelState.AddModelError(p.Field, p.Message);
        if (!ModelState.IsValid) return Page();
        TempData["Message"] = $"{type!.Trim()} is recorded for {Staff.FullName}";
        return Redirect($"/o/{orgId}/staff/{staffId}/training");
    }

    private bool HasError(string field) =>
        new[] { field, $"{field}.Month", $"{field}.Year" }.Any(k => ModelState.TryGetValue(k, out var e) && e.Errors.Count > 0);

    private async Task<bool> LoadAsync(Guid orgId, Guid staffId, CancellationToken ct)
    {
        var found = await staff.FindAsync(orgId, staffId, ct);
        if (found is null) return false;
        (Staff, OrgId, Today) = (found, orgId, UkTime.Today(clock));
        var access = await person.AccessAsync();
        CanRecord = access.Can(orgId, Permission.ManagePeople) || access.Can(orgId, Permission.ManageAccounts);
        Records = await training.ListAsync(orgId, staffId, ct);
        return true;
    }
}
