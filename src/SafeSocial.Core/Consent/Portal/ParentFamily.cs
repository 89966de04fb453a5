using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Consent.Portal;

/// <summary>A parent record (at one school) that may decide for a child: it holds parental responsibility.</summary>
public sealed record PortalDecider(Guid ParentId, string Name, string Relationship);

public sealed record PortalChild(Guid PupilId, Guid SchoolId, string SchoolName, string Name, string FirstName, string? YearGroup,
    IReadOnlyList<PortalDecider> Deciders);

/// <summary>Everything the signed-in address may see: the children one of its parent records holds parental responsibility for.</summary>
public sealed record Family(string Email, string Name, IReadOnlyList<PortalChild> Children)
{
    public IReadOnlyList<Guid> SchoolIds => Children.Select(c => c.SchoolId).Distinct().ToList();
    public PortalChild? Child(Guid pupilId) => Children.FirstOrDefault(c => c.PupilId == pupilId);
}

/// <summary>A parent's answer as the portal shows it: yes, no, or none (never answered, or last year's answer has ended).</summary>
public enum PortalAnswer { None, Yes, No }

public sealed record PurposeAnswer(ConsentPurpose Purpose, ConsentStanding Standing)
{
    public PortalAnswer Answer => Standing.Reason switch
    {
        ConsentReason.None => PortalAnswer.Yes,
        ConsentReason.Withdrawn or ConsentReason.PurposeNotGiven => PortalAnswer.No,
        _ => PortalAnswer.None,
    };
}

public sealed record ChildConsent(PortalChild Child, ConsentPolicy Policy, IReadOnlyList<PurposeAnswer> Purposes);

/// <summary>One purpose whose answer changes, and the decision that records it.</summary>
public sealed record ConsentChange(ConsentPurpose Purpose, PortalAnswer From, PortalAnswer To, ConsentDecision Decision);

/// <summary>What a parent's answers for one child come to before saving: problems to fix, or the changes (perhaps none).</summary>
public sealed record ConsentPlan(Outcome Outcome, ChildConsent? Before, PortalDecider? Decider, IReadOnlyList<ConsentChange> Changes);

/// <summary>
/// The parent portal's reads and writes. A family is found by email address across schools (a parent's
/// records are per school), so the first lookup reads past the organisation filter on purpose, by address
/// only; after it, this unit of work sees just the schools of the family's children.
/// </summary>
public sealed class ParentFamily(SafeSocialDb db, ConsentRegister register, ConsentPolicyService policies, TimeProvider clock)
{
    /// <summary>How a parent is named in the audit trail, so their changes are not mistaken for a staff member's.</summary>
    public static string ActorName(string parentName) => $"{parentName} (parent, through the parent portal)";

    public async Task<Family> ForEmailAsync(string email, CancellationToken ct = default) => LimitTo(await ReadAsync(email, ct));

    /// <summary>
    /// The family a campaign email's personal link opens: only the children that email was about, at its school, and only
    /// while the address still holds parental responsibility for them.
    /// </summary>
    public async Task<Family> ForLinkAsync(Campaigns.CampaignLink link, CancellationToken ct = default)
    {
        var family = await ReadAsync(link.Email, ct);
        return LimitTo(family with { Children = family.Children.Where(c => c.SchoolId == link.OrganisationId && link.PupilIds.Contains(c.PupilId)).ToList() });
    }

    /// <summary>From here on this unit of work sees only the schools of this family's children.</summary>
    private Family LimitTo(Family family)
    {
        db.Scope.LimitTo(family.SchoolIds);
        return family;
    }

    private async Task<Family> ReadAsync(string email, CancellationToken ct)
    {
        var address = ParentSignIn.Normalise(email);
        var today = UkTime.Today(clock);
        var links = await db.PupilParents.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.HasParentalResponsibility && l.Parent!.Email != null && l.Parent.Email.ToLower() == address
                && l.Parent.OrganisationId == l.OrganisationId && l.Pupil!.OrganisationId == l.OrganisationId
                && (l.Pupil.LeavingDate == null || l.Pupil.LeavingDate > today))
            .Select(l => new
            {
                l.PupilId, SchoolId = l.OrganisationId, l.ParentId, l.Relationship,
                ParentName = l.Parent!.FirstName + " " + l.Parent.LastName,
                l.Pupil!.LegalFirstName, l.Pupil.LegalLastName, l.Pupil.PreferredFirstName, l.Pupil.PreferredLastName, l.Pupil.YearGroup,
                SchoolName = db.Organisations.IgnoreQueryFilters().Where(o => o.Id == l.OrganisationId).Select(o => o.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var children = links.GroupBy(l => l.PupilId).Select(g =>
            {
                var p = g.First();
                var first = p.PreferredFirstName ?? p.LegalFirstName;
                return new PortalChild(p.PupilId, p.SchoolId, p.SchoolName ?? "", $"{first} {p.PreferredLastName ?? p.LegalLastName}", first, p.YearGroup,
                    g.Select(l => new PortalDecider(l.ParentId, l.ParentName, l.Relationship)).OrderBy(d => d.Name, StringComparer.Ordinal).ToList());
            })
            .OrderBy(c => c.SchoolName, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var names = await db.Parents.IgnoreQueryFilters().AsNoTracking().Where(p => p.Email != null && p.Email.ToLower() == address)
            .Select(p => p.FirstName + " " + p.LastName).Distinct().OrderBy(n => n).Take(3).ToListAsync(ct);
        return new Family(address, names.Count == 0 ? address : string.Join(" and ", names), children);
    }

    /// <summary>A child's answers for every purpose of their school's policy; null when the family holds no parental responsibility for them.</summary>
    public async Task<ChildConsent?> ConsentOfAsync(Family family, Guid pupilId, CancellationToken ct = default)
    {
        if (family.Child(pupilId) is not { } child) return null;
        var policy = await policies.ForAsync(child.SchoolId, ct);
        var standing = await register.StandingAsync(child.SchoolId, pupilId, policy, UkTime.Today(clock), ct);
        return new ChildConsent(child, policy, policy.Purposes.Select(p => new PurposeAnswer(p, standing[p.Key])).ToList());
    }

    /// <summary>Checks a parent's answers (yes or no for every purpose; who is answering when the address is shared) and works out what changes.</summary>
    public async Task<ConsentPlan> PlanAsync(Family family, Guid pupilId, Guid? deciderId, IReadOnlyDictionary<string, bool?> answers, CancellationToken ct = default)
    {
        var before = await ConsentOfAsync(family, pupilId, ct);
        if (before is null) return new ConsentPlan(Outcome.NotFound, null, null, []);
        var deciders = before.Child.Deciders;
        var decider = deciders.Count == 1 ? deciders[0] : deciders.FirstOrDefault(d => d.ParentId == deciderId);
        var problems = new List<Problem>();
        if (decider is null) problems.Add(new Problem("Decider", "Select who is giving these answers"));
        var changes = new List<ConsentChange>();
        foreach (var purpose in before.Purposes)
        {
            if (answers.GetValueOrDefault(purpose.Purpose.Key) is not { } yes)
            {
                problems.Add(new Problem(purpose.Purpose.Key, $"Select yes or no for {purpose.Purpose.Name}"));
                continue;
            }
            var to = yes ? PortalAnswer.Yes : PortalAnswer.No;
            if (to == purpose.Answer) continue;
            // "No" takes back a consent that stands (a withdrawal, which later opens takedowns); otherwise it is a refusal.
            var decision = yes ? ConsentDecision.Given : purpose.Answer == PortalAnswer.Yes ? ConsentDecision.Withdrawn : ConsentDecision.Refused;
            changes.Add(new ConsentChange(purpose.Purpose, purpose.Answer, to, decision));
        }
        return problems.Count > 0
            ? new ConsentPlan(Outcome.Refused(problems), before, decider, [])
            : new ConsentPlan(Outcome.Done, before, decider, changes);
    }

    /// <summary>Records only the purposes whose answer changed, all or none, in the parent's name with the portal as source.</summary>
    public async Task<ConsentPlan> SaveAsync(Family family, Guid pupilId, Guid? deciderId, IReadOnlyDictionary<string, bool?> answers, CancellationToken ct = default)
    {
        var plan = await PlanAsync(family, pupilId, deciderId, answers, ct);
        if (!plan.Outcome.Succeeded || plan.Changes.Count == 0) return plan;
        var (child, decider) = (plan.Before!.Child, plan.Decider!);
        db.Audit.ActAs(null, ActorName(decider.Name), db.Audit.IpAddress);
        var provenance = new ConsentProvenance(ConsentSource.ParentPortal, decider.Name);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var change in plan.Changes)
        {
            var recorded = await register.RecordAsync(child.SchoolId, pupilId, change.Purpose.Key, change.Decision,
                ConsentDecider.ByParent(decider.ParentId), provenance, plan.Before.Policy, ct: ct);
            if (!recorded.Succeeded) return plan with { Outcome = recorded, Changes = [] };
        }
        await tx.CommitAsync(ct);
        return plan;
    }
}
