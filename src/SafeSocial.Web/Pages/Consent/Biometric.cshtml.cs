using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>A parent's biometric consent or objection, or the pupil's own objection (which always counts).</summary>
[RequirePermission(Permission.ManageConsent)]
public class BiometricModel(PupilConsentService pupils, ConsentRegister register, CurrentPerson person) : PageModel
{
    [BindProperty] public string? Decider { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? InWriting { get; set; }
    [BindProperty] public string? Source { get; set; }

    public Guid OrgId { get; private set; }
    public PupilConsent Pupil { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid pupilId, CancellationToken ct) =>
        await LoadAsync(orgId, pupilId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid pupilId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, pupilId, ct)) return NotFound();
        ConsentDecider? decider = Decider == RecordModel.ByPupil ? ConsentDecider.ByPupil()
            : Guid.TryParse(Decider, out var parentId) ? ConsentDecider.ByParent(parentId) : null;
        if (decider is null) ModelState.AddModelError(nameof(Decider), "Select who made the decision");
        var decision = Enum.TryParse<BiometricDecision>(Decision, out var d) ? d : (BiometricDecision?)null;
        if (decision is null) ModelState.AddModelError(nameof(Decision), "Select whether they consent or object");
        // Writing matters for a parent's consent; a pupil's objection counts however it is made.
        var writing = InWriting switch { "yes" => true, "no" => false, _ => (bool?)null };
        if (writing is null && decider is { Pupil: false }) ModelState.AddModelError(nameof(InWriting), "Select whether the decision was made in writing");
        var source = Enum.TryParse<ConsentSource>(Source, out var s) && RecordModel.StaffSources.Contains(s) ? s : (ConsentSource?)null;
        if (source is null) ModelState.AddModelError(nameof(Source), "Select how the decision reached the school");
        if (!ModelState.IsValid) return Page();

        var outcome = await register.RecordBiometricAsync(orgId, pupilId, decision!.Value, decider!, writing ?? false,
            new ConsentProvenance(source!.Value, person.Name, person.UserId), ct);
        if (!outcome.Succeeded)
        {
            if (!outcome.Found) ModelState.AddModelError(nameof(Decider), "Select a parent or carer from the list");
            foreach (var problem in outcome.Problems) ModelState.AddModelError(nameof(Decider), problem.Message);
            return Page();
        }
        var who = decider!.Pupil ? Pupil.KnownAs : Pupil.Deciders.FirstOrDefault(x => x.ParentId == decider.ParentId)?.Name ?? "a parent";
        TempData["ConsentRecorded"] = $"Biometric {(decision == BiometricDecision.Consented ? "consent" : "objection")} recorded for {Pupil.KnownAs}: {who} {(decision == BiometricDecision.Consented ? "consents" : "objects")}";
        return Redirect($"/o/{orgId}/pupils/{pupilId}#biometric-heading");
    }

    private async Task<bool> LoadAsync(Guid orgId, Guid pupilId, CancellationToken ct)
    {
        OrgId = orgId;
        Pupil = (await pupils.ForAsync(orgId, pupilId, ct))!;
        return Pupil is not null;
    }
}
