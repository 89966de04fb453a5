using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using SafeSocial.Core;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.Pages.Policy;

/// <summary>
/// Record a new version or the annual review: the details, then "check your answers", then save. Answers
/// travel in the form (hidden on the check page, in the link back to change one), so nothing is lost.
/// </summary>
[RequirePermission(Permission.ManagePolicy)]
public class RecordModel(PolicyVersionService policy, PolicySettingsService settings, CurrentPerson person, TimeProvider clock) : PageModel
{
    public const string Other = "Other";
    public const string FollowSettings = "settings";
    public const string OwnCycle = "own";

    [BindProperty(SupportsGet = true)] public bool Review { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts DateWritten { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? RatifiedBy { get; set; }
    [BindProperty(SupportsGet = true)] public string? RatifiedByOther { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts RatifiedOn { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Cycle { get; set; }
    [BindProperty(SupportsGet = true)] public string? CycleMonths { get; set; }
    [BindProperty(SupportsGet = true)] public string? Notes { get; set; }
    /// <summary>The version number the check page showed, so a second press of "Record" does not record it twice.</summary>
    [BindProperty] public int? ForVersion { get; set; }

    public Membership Membership { get; private set; } = null!;
    public LayeredSettings Settings { get; private set; } = null!;
    public KeyPeople People { get; private set; } = null!;
    public int NextVersion { get; private set; }
    /// <summary>Set when the answers are valid and the page shows "check your answers".</summary>
    public NewPolicyVersion? Answers { get; private set; }
    public DateOnly NextReviewDue { get; private set; }

    public string Heading => Review ? "Record the annual review" : "Record a new version";
    /// <summary>What the first date is: the day of the review, or the day the version was written.</summary>
    public string WrittenLabel => Review ? "Date reviewed" : "Date written";
    public SettingLayer CycleSetting => Settings["review-cycle"];

    /// <summary>Who may ratify: a school's governors or its trust; a trust's leadership or board.</summary>
    public IReadOnlyList<string> Ratifiers => Membership.Kind switch
    {
        OrganisationKind.Trust => ["Trust executive leadership team", "Trust board", Other],
        _ when Membership.TrustId is not null => ["Governing body", "Trust executive leadership team", "Trust board", Other],
        _ => ["Governing body", Other],
    };

    public async Task OnGetAsync(Guid orgId, CancellationToken ct)
    {
        await LoadAsync(orgId, ct);
        if (Review && Notes is null && DateWritten.IsEmpty) Notes = "Annual review: no changes were needed.";
        Cycle ??= FollowSettings; // the usual answer: most versions follow the school's review cycle
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, CancellationToken ct)
    {
        await LoadAsync(orgId, ct);
        Answers = Validate();
        if (Answers is not null) NextReviewDue = await policy.NextReviewDueAsync(orgId, Answers.DateWritten, Answers.RatifiedOn, Answers.ReviewCycleMonths, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid orgId, CancellationToken ct)
    {
        await LoadAsync(orgId, ct);
        if (ForVersion is { } shown && shown < NextVersion)
        {
            TempData["Recorded"] = $"Version {shown} of the policy is already recorded.";
            return Redirect($"/o/{orgId}/policy");
        }
        var answers = Validate();
        if (answers is null) return Page();
        var saved = await policy.RecordAsync(orgId, answers, ct);
        TempData["Recorded"] = Review
            ? $"The annual review is recorded as version {saved.Version}. The next review is due on {UkTime.Format(saved.ReviewDue(Settings.Effective.ReviewCycleMonths))}."
            : $"Version {saved.Version} of the policy is recorded. The next review is due on {UkTime.Format(saved.ReviewDue(Settings.Effective.ReviewCycleMonths))}.";
        return Redirect($"/o/{orgId}/policy");
    }

    private async Task LoadAsync(Guid orgId, CancellationToken ct)
    {
        Membership = (await person.AccessAsync()).In(orgId)!;
        Settings = await settings.LayersForAsync(orgId, ct);
        var overview = await policy.OverviewAsync(orgId, ct);
        People = overview.PeopleNow;
        NextVersion = (overview.Current?.Version ?? 0) + 1;
    }

    private NewPolicyVersion? Validate()
    {
        var today = UkTime.Today(clock);
        // The first date is the day of the review on the review form: its messages name it so.
        var label = WrittenLabel;
        var written = DateWritten.Read(ModelState, nameof(DateWritten), label, Review ? "Enter the date the policy was reviewed" : "Enter the date this version was written");
        if (written is { } w && w > today) ModelState.AddModelError(nameof(DateWritten), $"{label} must be today or in the past");
        else if (written is { Year: < 2000 }) ModelState.AddModelError(nameof(DateWritten), $"{label} must be in the year 2000 or later");

        var ratifiedBy = RatifiedBy == Other ? RatifiedByOther?.Trim() : RatifiedBy;
        if (string.IsNullOrWhiteSpace(RatifiedBy) || (RatifiedBy != Other && !Ratifiers.Contains(RatifiedBy)))
            ModelState.AddModelError(nameof(RatifiedBy), "Select who ratified this version");
        else if (RatifiedBy == Other && string.IsNullOrWhiteSpace(ratifiedBy))
            ModelState.AddModelError(nameof(RatifiedByOther), "Enter who ratified this version");
        else if (ratifiedBy!.Length > 100)
            ModelState.AddModelError(nameof(RatifiedByOther), "Who ratified this version must be 100 characters or fewer");

        var ratified = RatifiedOn.Read(ModelState, nameof(RatifiedOn), "Date ratified", "Enter the date this version was ratified");
        if (ratified is { } r && r > today) ModelState.AddModelError(nameof(RatifiedOn), "Date ratified must be today or in the past");
        else if (ratified is { } r2 && written is { } w2 && r2 < w2) ModelState.AddModelError(nameof(RatifiedOn), $"Date ratified must be the same as or after the {label.ToLowerInvariant()}");

        int? months = null;
        if (Cycle is not (FollowSettings or OwnCycle))
            ModelState.AddModelError(nameof(Cycle), "Select how often this version will be reviewed");
        else if (Cycle == OwnCycle)
        {
            var min = CycleSetting.Setting.Min;
            var max = CycleSetting.Setting.Max;
            if (string.IsNullOrWhiteSpace(CycleMonths)) ModelState.AddModelError(nameof(CycleMonths), "Enter the number of months between reviews");
            else if (!int.TryParse(CycleMonths.Trim(), out var m)) ModelState.AddModelError(nameof(CycleMonths), "Months between reviews must be a whole number, like 12");
            else if (m < min || m > max) ModelState.AddModelError(nameof(CycleMonths), $"Months between reviews must be between {min} and {max}");
            else months = m;
        }

        if (Notes?.Length > 1000) ModelState.AddModelError(nameof(Notes), "What changed must be 1,000 characters or fewer");
        return ModelState.IsValid ? new NewPolicyVersion(written!.Value, ratifiedBy!, ratified!.Value, months, Notes) : null;
    }

    /// <summary>Back to the form with every answer kept, at the field to change.</summary>
    public string ChangeLink(string field)
    {
        var query = new Dictionary<string, string?>
        {
            [nameof(Review)] = Review ? "true" : null,
            ["DateWritten.Day"] = DateWritten.Day, ["DateWritten.Month"] = DateWritten.Month, ["DateWritten.Year"] = DateWritten.Year,
            [nameof(RatifiedBy)] = RatifiedBy, [nameof(RatifiedByOther)] = RatifiedByOther,
            ["RatifiedOn.Day"] = RatifiedOn.Day, ["RatifiedOn.Month"] = RatifiedOn.Month, ["RatifiedOn.Year"] = RatifiedOn.Year,
            [nameof(Cycle)] = Cycle, [nameof(CycleMonths)] = CycleMonths, [nameof(Notes)] = Notes,
        };
        return QueryHelpers.AddQueryString($"/o/{Membership.OrganisationId}/policy/record", query.Where(kv => !string.IsNullOrEmpty(kv.Value))) + "#" + field;
    }
}
