using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Accounts;

/// <summary>Someone who could run an account: a current member of the school or its trust, with their training.</summary>
public sealed record AdminCandidate(Guid StaffMemberId, string Name, DateOnly? TrainedUntil, bool Trained);

public sealed record AdminRow(Guid StaffMemberId, string Name, DateOnly AddedOn, string AddedBy);

/// <summary>The named admins of official accounts, each with a current record of the official-account training.</summary>
public sealed class AccountAdmins(SafeSocialDb db, TimeProvider clock)
{
    /// <summary>The account's admins who have not left: a leaver whose row the daily check has not yet removed counts for nothing.</summary>
    public Task<List<AdminRow>> ListAsync(Guid orgId, Guid accountId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        return db.AccountAdmins.AsNoTracking().Where(a => a.OrganisationId == orgId && a.OfficialAccountId == accountId)
            .Where(a => a.StaffMember!.LeavingDate == null || a.StaffMember.LeavingDate > today)
            .OrderBy(a => a.StaffMember!.LastName).ThenBy(a => a.StaffMember!.FirstName)
            .Select(a => new AdminRow(a.StaffMemberId, a.StaffMember!.FirstName + " " + a.StaffMember.LastName, a.AddedOn, a.AddedBy))
            .ToListAsync(ct);
    }

    /// <summary>Whether the signed-in person is an admin of the account now: named on it, and not left.</summary>
    public async Task<bool> IsAdminAsync(Guid orgId, Guid accountId, Guid? userId, CancellationToken ct = default)
    {
        if (userId is null) return false;
        var today = UkTime.Today(clock);
        return await db.AccountAdmins.IgnoreQueryFilters().AnyAsync(a => a.OrganisationId == orgId && a.OfficialAccountId == accountId
            && a.StaffMember!.UserId == userId && (a.StaffMember.LeavingDate == null || a.StaffMember.LeavingDate > today), ct);
    }

    /// <summary>Staff of the school and its trust who have not left, with whether their training is current.</summary>
    public async Task<List<AdminCandidate>> CandidatesAsync(Guid orgId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var orgIds = await OrgAndTrustAsync(orgId, ct);
        var staff = await db.StaffMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(s => orgIds.Contains(s.OrganisationId) && (s.LeavingDate == null || s.LeavingDate > today))
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName)
            .Select(s => new { s.Id, Name = s.FirstName + " " + s.LastName }).ToListAsync(ct);
        var ids = staff.Select(s => s.Id).ToList();
        var training = await CurrentTraining(ids, today).ToListAsync(ct);
        return staff.Select(s =>
        {
            var t = training.Where(x => x.StaffMemberId == s.Id).OrderByDescending(x => x.ExpiresOn ?? DateOnly.MaxValue).FirstOrDefault();
            return new AdminCandidate(s.Id, s.Name, t?.ExpiresOn, t is not null);
        }).ToList();
    }

    /// <summary>
    /// Whether the staff member may become an admin of the account now: it is approved, they work at the school or
    /// the trust, are not an admin already and have current official account training. The person, or what to fix.
    /// </summary>
    internal async Task<(StaffMember? Person, Outcome? Problem)> CheckCandidateAsync(Guid orgId, Guid accountId, Guid? staffMemberId, CancellationToken ct)
    {
        var account = await db.OfficialAccounts.AsNoTracking().Where(a => a.OrganisationId == orgId && a.Id == accountId).SingleOrDefaultAsync(ct);
        if (account is null) return (null, Outcome.NotFound);
        if (account.Status is not (AccountStatus.Approved or AccountStatus.Active))
            return (null, Outcome.Refused("StaffMemberId", "Admins can be added only once the account has every approval the policy names"));
        if (staffMemberId is not { } id) return (null, Outcome.Refused("StaffMemberId", "Select the person to make an admin"));
        var today = UkTime.Today(clock);
        var orgIds = await OrgAndTrustAsync(orgId, ct);
        var person = await db.StaffMembers.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Id == id && orgIds.Contains(s.OrganisationId)).SingleOrDefaultAsync(ct);
        if (person is null || person.HasLeft(today)) return (null, Outcome.Refused("StaffMemberId", "Select someone who works at the school or the trust"));
        if (await db.AccountAdmins.AnyAsync(a => a.OfficialAccountId == accountId && a.StaffMemberId == id, ct))
            return (null, Outcome.Refused("StaffMemberId", $"{person.FullName} is already an admin of this account"));
        if (!await CurrentTraining([id], today).AnyAsync(ct))
            return (null, Outcome.Refused("StaffMemberId", $"{person.FullName} has no current official account training, so cannot be an admin. Record their training first"));
        return (person, null);
    }

    /// <summary>Makes the approved request's person an admin, as added by whoever asked (the caller's save audits it).</summary>
    internal void Add(AdminRequest request) => db.AccountAdmins.Add(new AccountAdmin
    {
        Id = Guid.NewGuid(), OrganisationId = request.OrganisationId, OfficialAccountId = request.OfficialAccountId, StaffMemberId = request.StaffMemberId,
        AddedOn = UkTime.Today(clock), AddedBy = request.RequestedBy, AddedByUserId = request.RequestedByUserId,
    });

    /// <summary>Records training a staff member completed (the training capability will own this later). Audited.</summary>
    public async Task RecordTrainingAsync(Guid staffMemberId, string type, DateOnly completedOn, DateOnly? expiresOn, CancellationToken ct = default)
    {
        var orgId = await db.StaffMembers.IgnoreQueryFilters().Where(s => s.Id == staffMemberId).Select(s => s.OrganisationId).SingleAsync(ct);
        db.TrainingRecords.Add(new TrainingRecord
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, StaffMemberId = staffMemberId, Type = type, CompletedOn = completedOn, ExpiresOn = expiresOn,
        });
        await db.SaveChangesAsync(ct);
    }

    // A trust's staff member's training lives with the trust: read past the filter, for these people only.
    private IQueryable<TrainingRecord> CurrentTraining(List<Guid> staffIds, DateOnly today) =>
        db.TrainingRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(t => staffIds.Contains(t.StaffMemberId) && t.Type == TrainingRecord.OfficialAccountTraining
                        && t.CompletedOn <= today && (t.ExpiresOn == null || t.ExpiresOn >= today));

    private async Task<List<Guid>> OrgAndTrustAsync(Guid orgId, CancellationToken ct)
    {
        var trustId = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == orgId).Select(o => o.TrustId).SingleAsync(ct);
        return trustId is { } t ? [orgId, t] : [orgId];
    }
}
