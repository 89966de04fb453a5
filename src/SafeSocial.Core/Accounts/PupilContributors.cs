using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts;

public sealed record ContributorRow(Guid PupilId, string Name, string? YearGroup, DateOnly AddedOn, string AddedBy);

public sealed record ContributorCandidate(Guid PupilId, string Name, string? YearGroup);

/// <summary>What the account page shows about pupils: who contributes, who could be chosen, and how many on roll are too young.</summary>
public sealed record ContributorPanel(OfficialAccount Account, IReadOnlyList<ContributorRow> Contributors, IReadOnlyList<ContributorCandidate> Candidates,
    int OnRoll, int UnderMinimumAge, int NoDateOfBirth);

/// <summary>
/// Pupils with their own sign-in on an official account. The platform's minimum user age is a hard line: no pupil under it
/// on today's date, nor one whose date of birth is unknown, nor one who has left, nor one without photo consent for the
/// account's kind of social media (school or trust), is ever added. Every addition and removal is audited.
/// </summary>
public sealed class PupilContributors(SafeSocialDb db, ConsentPolicyService consentPolicies, ConsentCheck consent, TimeProvider clock)
{
    public async Task<ContributorPanel?> PanelAsync(Guid orgId, Guid accountId, bool withCandidates, CancellationToken ct = default)
    {
        var account = await db.OfficialAccounts.AsNoTracking().Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);
        if (account is null) return null;
        var today = UkTime.Today(clock);
        var rows = await db.PupilContributors.AsNoTracking().Where(c => c.OrganisationId == orgId && c.OfficialAccountId == accountId)
            .OrderBy(c => c.Pupil!.LegalLastName).ThenBy(c => c.Pupil!.LegalFirstName)
            .Select(c => new { c.PupilId, c.Pupil!.PreferredFirstName, c.Pupil.LegalFirstName, c.Pupil.PreferredLastName, c.Pupil.LegalLastName, c.Pupil.YearGroup, c.AddedOn, c.AddedBy })
            .ToListAsync(ct);
        var contributors = rows.Select(r => new ContributorRow(r.PupilId, $"{r.PreferredFirstName ?? r.LegalFirstName} {r.PreferredLastName ?? r.LegalLastName}", r.YearGroup, r.AddedOn, r.AddedBy)).ToList();

        var onRoll = OnRoll(orgId, today);
        var bornAfter = MinimumAge.BornAfterMeansUnder(today, account.MinimumUserAge);
        var all = await onRoll.CountAsync(ct);
        var under = await onRoll.CountAsync(p => p.DateOfBirth > bornAfter, ct);
        var unknown = await onRoll.CountAsync(p => p.DateOfBirth == null, ct);

        List<ContributorCandidate> candidates = [];
        if (withCandidates && account.PupilsMayContribute && account.Status is AccountStatus.Approved or AccountStatus.Active)
        {
            // Only pupils known to be old enough are offered (a big school's roll is otherwise a very long list of
            // mostly refusals); AddAsync still checks every rule, consent included, whatever is posted.
            var taken = contributors.Select(c => c.PupilId).ToList();
            candidates = (await onRoll.Where(p => !taken.Contains(p.Id) && p.DateOfBirth != null && p.DateOfBirth <= bornAfter)
                    .Select(p => new { p.Id, p.PreferredFirstName, p.LegalFirstName, p.PreferredLastName, p.LegalLastName, p.YearGroup }).ToListAsync(ct))
                .OrderBy(p => YearGroups.SortKey(p.YearGroup)).ThenBy(p => p.YearGroup, StringComparer.Ordinal)
                .ThenBy(p => p.PreferredLastName ?? p.LegalLastName, StringComparer.CurrentCulture).ThenBy(p => p.PreferredFirstName ?? p.LegalFirstName, StringComparer.CurrentCulture)
                .Select(p => new ContributorCandidate(p.Id, $"{p.PreferredFirstName ?? p.LegalFirstName} {p.PreferredLastName ?? p.LegalLastName}", p.YearGroup)).ToList();
        }
        return new ContributorPanel(account, contributors, candidates, all, under, unknown);
    }

    /// <summary>Gives a pupil their own sign-in on the account, refused with what to do when the rules forbid it. Audited.</summary>
    public async Task<Outcome> AddAsync(Guid orgId, Guid accountId, Guid? pupilId, CancellationToken ct = default)
    {
        var account = await db.OfficialAccounts.AsNoTracking().Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);
        if (account is null) return Outcome.NotFound;
        if (!account.PupilsMayContribute)
            return Refused("The case for this account does not let pupils contribute, so no pupil can have a sign-in on it");
        if (account.Status is not (AccountStatus.Approved or AccountStatus.Active))
            return Refused("Pupils can be added only once the account has every approval the policy names");
        if (pupilId is not { } id) return Refused("Select the pupil");
        var today = UkTime.Today(clock);
        var pupil = await OfAccount(orgId).Where(p => p.Id == id).SingleOrDefaultAsync(ct);
        if (pupil is null) return Refused("Select a pupil of the school");
        if (pupil.HasLeft(today)) return Refused($"{pupil.KnownAs} has left the school, so cannot contribute");
        if (await db.PupilContributors.AnyAsync(c => c.OfficialAccountId == accountId && c.PupilId == id, ct))
            return Refused($"{pupil.KnownAs} already contributes to this account");
        if (pupil.DateOfBirth is not { } born)
            return Refused($"{pupil.KnownAs} has no date of birth recorded, so we cannot tell whether they are old enough for this account (minimum age {account.MinimumUserAge}): record their date of birth first");
        if (MinimumAge.IsUnder(born, today, account.MinimumUserAge))
            return Refused($"{pupil.KnownAs} is {MinimumAge.AgeOn(born, today)}, under this account's minimum user age of {account.MinimumUserAge}: no account is created for a pupil under it");
        if (await ConsentProblemAsync(account, pupil, today, ct) is { } problem) return Refused(problem);

        db.PupilContributors.Add(new PupilContributor
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, OfficialAccountId = accountId, PupilId = id,
            AddedOn = today, AddedBy = db.Audit.ActorName, AddedByUserId = db.Audit.ActorUserId,
        });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Ends a pupil's sign-in on the account (someone must also remove it on the platform). Audited.</summary>
    public async Task<Outcome> RemoveAsync(Guid orgId, Guid accountId, Guid pupilId, CancellationToken ct = default)
    {
        var row = await db.PupilContributors.Where(c => c.OrganisationId == orgId && c.OfficialAccountId == accountId && c.PupilId == pupilId).SingleOrDefaultAsync(ct);
        if (row is null) return Outcome.NotFound;
        db.PupilContributors.Remove(row);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>
    /// A contributor appears on the account, so their photo consent for it must stand: the school's or the trust's social
    /// media, by the account's owner. A school whose register does not offer that purpose has nothing to check.
    /// </summary>
    private async Task<string?> ConsentProblemAsync(OfficialAccount account, Pupil pupil, DateOnly today, CancellationToken ct)
    {
        var purpose = account.OrganisationId == pupil.OrganisationId ? ConsentPurpose.SchoolSocialMedia : ConsentPurpose.TrustSocialMedia;
        var policy = await consentPolicies.ForAsync(pupil.OrganisationId, ct);
        if (!policy.HasPurpose(purpose)) return null;
        var result = (await consent.CheckAsync(pupil.OrganisationId, [pupil.Id], purpose, today, policy, ct: ct)).Single();
        var what = $"photo consent for {policy.Purpose(purpose)!.Name.ToLowerInvariant()}";
        return result.Reason switch
        {
            ConsentReason.None => null,
            ConsentReason.Withdrawn => $"{pupil.KnownAs}'s {what} has been withdrawn, so they cannot contribute",
            ConsentReason.Lapsed => $"{pupil.KnownAs}'s {what} has lapsed: ask their parents again before they contribute",
            _ => $"{pupil.KnownAs} has no {what}: record their parents' answer first",
        };
    }

    // Pupils of the school, or of every school of a trust for the trust's own accounts.
    private IQueryable<Pupil> OfAccount(Guid orgId) =>
        db.Pupils.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.OrganisationId == orgId || db.Organisations.IgnoreQueryFilters().Any(s => s.Id == p.OrganisationId && s.TrustId == orgId));

    private IQueryable<Pupil> OnRoll(Guid orgId, DateOnly today) => OfAccount(orgId).Where(p => p.LeavingDate == null || p.LeavingDate > today);

    private static Outcome Refused(string message) => Outcome.Refused("PupilId", message);
}
