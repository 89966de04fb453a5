using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>Staff enter a paper form, an email or a conversation: who decided, from what, when, and the decision per purpose.</summary>
[RequirePermission(Permission.ManageConsent)]
public class RecordModel(PupilConsentService pupils, ConsentRecording recording, CurrentPerson person) : PageModel
{
    public const string ByPupil = "pupil";
    public const string Unchanged = "";
    /// <summary>The sources staff can record; the parent portal records its own.</summary>
    public static readonly ConsentSource[] StaffSources = [ConsentSource.PaperForm, ConsentSource.Email, ConsentSource.InPerson];
    public static readonly IReadOnlyList<RadioOption> SourceOptions = StaffSources
        .Select(s => new RadioOption(s.ToString(), s == ConsentSource.InPerson ? "In person or on the phone" : ConsentText.Source(s))).ToList();
    public static readonly ConsentDecision[] Choices = [ConsentDecision.Given, ConsentDecision.Refused, ConsentDecision.Withdrawn];

    [BindProperty] public string? Decider { get; set; }
    [BindProperty] public string? CompetenceAssessedBy { get; set; }
    [BindProperty] public string? CompetenceAssessorRole { get; set; }
    [BindProperty] public DateParts CompetenceAssessedOn { get; set; } = new();
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public DateParts DecidedOn { get; set; } = new();
    [BindProperty] public Dictionary<string, string?> Decisions { get; set; } = [];

    public Guid OrgId { get; private set; }
    public PupilConsent Pupil { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid orgId, Guid pupilId, CancellationToken ct) =>
        await LoadAsync(orgId, pupilId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid orgId, Guid pupilId, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, pupilId, ct)) return NotFound();
        var decider = ReadDecider();
        var source = Enum.TryParse<ConsentSource>(Source, out var s) && StaffSources.Contains(s) ? s : (ConsentSource?)null;
        if (source is null) ModelState.AddModelError(nameof(Source), "Select how the decision reached the school");
        var decidedOn = DecidedOn.Read(ModelState, nameof(DecidedOn), "The date of the decision", "Enter the date on the form, email or note of the conversation");
        // Only the school's purposes, and only those given a decision: "leave unchanged" records nothing.
        var decisions = Pupil.Policy.Purposes
            .Select(p => (p.Key, Value: Decisions.GetValueOrDefault(p.Key)))
            .Where(d => !string.IsNullOrEmpty(d.Value))
            .ToDictionary(d => d.Key, d => Enum.TryParse<ConsentDecision>(d.Value, out var x) && Choices.Contains(x) ? x : (ConsentDecision?)null);
        foreach (var (key, _) in decisions.Where(d => d.Value is null))
            ModelState.AddModelError(ConsentRecording.PurposeField(key), $"Select a decision for {Pupil.NameOf(key).ToLowerInvariant()}, or leave it unchanged");
        if (decisions.Count == 0) ModelState.AddModelError(nameof(Decisions), "Choose a decision for at least one purpose");
        if (!ModelState.IsValid || decider is null) return Page();

        var outcome = await recording.RecordAsync(orgId, pupilId, decisions.ToDictionary(d => d.Key, d => d.Value!.Value), decider,
            new ConsentProvenance(source!.Value, person.Name, person.UserId), Pupil.Policy, decidedOn!.Value, ct);
        if (!outcome.Found)
        {
            // The pupil was found above: what is missing is the parent, who is not this pupil's.
            ModelState.AddModelError(nameof(Decider), "Select a parent or carer from the list");
            return Page();
        }
        if (!outcome.Succeeded)
        {
            foreach (var problem in outcome.Problems) ModelState.AddModelError(FieldOf(problem, decider), problem.Message);
            return Page();
        }
        TempData["ConsentRecorded"] = $"Consent recorded for {Pupil.KnownAs}: "
            + string.Join(", ", decisions.Select(d => $"{Pupil.NameOf(d.Key)} {ConsentText.Decision(d.Value!.Value).ToLowerInvariant()}"));
        return Redirect($"/o/{orgId}/pupils/{pupilId}#consent");
    }

    /// <summary>Who decided, or null with an error; the pupil's competence is the register's to judge.</summary>
    private ConsentDecider? ReadDecider()
    {
        if (Decider == ByPupil)
        {
            // Whether the pupil is old enough is the register's to judge, against the policy's competence age.
            if (Pupil.IsAdult) return ConsentDecider.ByPupil();
            var on = CompetenceAssessedOn.Read(ModelState, nameof(CompetenceAssessedOn), "The date of the assessment");
            var role = Enum.TryParse<Role>(CompetenceAssessorRole, out var r) && ConsentDecider.AssessorRoles.Contains(r) ? r : (Role?)null;
            return ConsentDecider.ByPupil(CompetenceAssessedBy?.Trim(), on, role);
        }
        if (Guid.TryParse(Decider, out var parentId)) return ConsentDecider.ByParent(parentId);
        ModelState.AddModelError(nameof(Decider), "Select who made the decision");
        return null;
    }

    /// <summary>The register names the field it refuses; a pupil's missing assessment belongs by the box left empty.</summary>
    private string FieldOf(Problem problem, ConsentDecider decider) => problem.Field switch
    {
        "Decider" when decider.Pupil && Pupil.MayDecideForThemselves => string.IsNullOrWhiteSpace(CompetenceAssessedBy) ? nameof(CompetenceAssessedBy)
            : decider.CompetenceAssessorRole is null ? nameof(CompetenceAssessorRole) : nameof(CompetenceAssessedOn),
        "" => nameof(Decider),
        _ => problem.Field,
    };

    private async Task<bool> LoadAsync(Guid orgId, Guid pupilId, CancellationToken ct)
    {
        OrgId = orgId;
        Pupil = (await pupils.ForAsync(orgId, pupilId, ct))!;
        return Pupil is not null;
    }
}
