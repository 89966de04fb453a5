using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>A class in the list: how many pupils it has and how many may not appear anywhere.</summary>
public sealed record ClassSummary(ClassOption Class, int Pupils, int NotAtAll);

/// <summary>The school's classes, to choose the one whose consent list a teacher needs before taking photos.</summary>
[RequirePermission(Permission.ViewPeople)]
public class ClassesModel(PupilService pupils, ClassTeaching teaching, ConsentRoster roster, ConsentPolicyService policies, CurrentPerson person, TimeProvider clock) : PageModel
{
    public Guid OrgId { get; private set; }
    public IReadOnlyList<ClassSummary> Classes { get; private set; } = [];
    /// <summary>The classes the signed-in person teaches, first on the page.</summary>
    public IReadOnlyList<ClassSummary> Mine { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid orgId, CancellationToken ct)
    {
        if ((await person.AccessAsync()).In(orgId)!.Kind != OrganisationKind.School) return NotFound();
        OrgId = orgId;
        var policy = await policies.ForAsync(orgId, ct);
        // The whole school's consent in one query, counted per class.
        var rows = await roster.OnRollAsync(orgId, null, policy, UkTime.Today(clock), ct);
        var byClass = rows.GroupBy(r => r.ClassId).ToDictionary(g => g.Key ?? Guid.Empty, g => g.ToList());
        Classes = (await pupils.ClassesAsync(orgId, ct)).Select(c => byClass.TryGetValue(c.Id, out var inClass)
            ? new ClassSummary(c, inClass.Count, inClass.Count(r => ConsentRoster.Level(r, policy) == ConsentLevel.NoConsent))
            : new ClassSummary(c, 0, 0)).ToList();
        var taught = person.UserId is { } userId ? (await teaching.TaughtByUserAsync(orgId, userId, ct)).Select(c => c.Id).ToHashSet() : [];
        Mine = Classes.Where(c => taught.Contains(c.Class.Id)).ToList();
        return Page();
    }
}
