using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Mail;

namespace SafeSocial.Web.Pages.Parents;

/// <summary>
/// One child's answers: yes or no for each purpose, then a check of exactly what changes, then saved. A child
/// the signed-in parent holds no parental responsibility for is "not found", whatever id is posted.
/// </summary>
[RequireParent]
public class ChildModel(ParentFamily families, CampaignLinks links, MailOutbox outbox, TimeProvider clock, IConfiguration configuration) : PageModel
{
    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>Purpose key → "yes" or "no".</summary>
    [BindProperty] public Dictionary<string, string> Answers { get; set; } = [];
    [BindProperty] public Guid? Decider { get; set; }

    public Family Family { get; private set; } = null!;
    public ChildConsent Consent { get; private set; } = null!;
    /// <summary>Set when the parent is checking their changes before saving.</summary>
    public ConsentPlan? Plan { get; private set; }

    public static string ErrorKey(string purposeKey) => "Answer-" + purposeKey;

    public async Task<IActionResult> OnGetAsync(Guid childId, CancellationToken ct)
    {
        if (!await LoadAsync(childId, ct)) return Missing();
        Answers = Consent.Purposes.Where(p => p.Answer != PortalAnswer.None).ToDictionary(p => p.Purpose.Key, p => p.Answer == PortalAnswer.Yes ? Yes : No);
        return Page();
    }

    /// <summary>The answers, checked: back to the form with what to fix, or on to the list of changes.</summary>
    public async Task<IActionResult> OnPostAsync(Guid childId, CancellationToken ct)
    {
        if (!await LoadAsync(childId, ct)) return Missing();
        var plan = await families.PlanAsync(Family, childId, Decider, Parsed(), ct);
        if (!plan.Outcome.Found) return NotFound();
        if (!ShowProblems(plan)) return Page();
        if (plan.Changes.Count == 0)
        {
            ModelState.AddModelError(ErrorKey(Consent.Purposes[0].Purpose.Key), "You have not changed any answers. Change an answer, or go back to your children");
            return Page();
        }
        Plan = plan;
        return Page();
    }

    /// <summary>Back from the list of changes to the form, with the answers as the parent left them.</summary>
    public async Task<IActionResult> OnPostEditAsync(Guid childId, CancellationToken ct) =>
        await LoadAsync(childId, ct) ? Page() : Missing();

    public async Task<IActionResult> OnPostSaveAsync(Guid childId, CancellationToken ct)
    {
        if (!await LoadAsync(childId, ct)) return Missing();
        var saved = await families.SaveAsync(Family, childId, Decider, Parsed(), ct);
        if (!saved.Outcome.Found) return NotFound();
        if (!ShowProblems(saved)) return Page();
        if (saved.Changes.Count > 0)
        {
            var after = (await families.ConsentOfAsync(Family, childId, ct))!;
            outbox.Enqueue(ParentPortalMail.Confirmation(Family.Email, saved.Decider!, after, saved.Changes, clock.GetUtcNow(),
                $"{ParentPortalMail.Root(Request, configuration)}/parents"));
        }
        TempData["SavedFor"] = Consent.Child.Name;
        TempData["SavedChanges"] = saved.Changes.Count == 0 ? "Nothing had changed" : string.Join('\n', saved.Changes.Select(c => $"{c.Purpose.Name}: {PortalText.Change(c)}"));
        return Redirect("/parents");
    }

    private Dictionary<string, bool?> Parsed() =>
        Consent.Purposes.ToDictionary(p => p.Purpose.Key, p => Answers.GetValueOrDefault(p.Purpose.Key) switch { Yes => true, No => (bool?)false, _ => null });

    private bool ShowProblems(ConsentPlan plan)
    {
        foreach (var problem in plan.Outcome.Problems)
            ModelState.AddModelError(problem.Field == "Decider" ? nameof(Decider) : ErrorKey(problem.Field), problem.Message);
        return plan.Outcome.Problems.Count == 0;
    }

    /// <summary>Set when the personal link that signed the parent in has stopped working.</summary>
    private bool LinkEnded { get; set; }

    private IActionResult Missing() => LinkEnded ? Redirect(PortalSession.LinkEndedPath) : NotFound();

    private async Task<bool> LoadAsync(Guid childId, CancellationToken ct)
    {
        if (await PortalSession.FamilyAsync(HttpContext, families, links, ct) is not { } family) return !(LinkEnded = true);
        Family = family;
        if (await families.ConsentOfAsync(Family, childId, ct) is not { } consent) return false;
        Consent = consent;
        // Bound values are the parent's; anything else in the form is not an answer.
        Answers = Answers.Where(a => consent.Policy.HasPurpose(a.Key) && a.Value is Yes or No).ToDictionary();
        return true;
    }
}
