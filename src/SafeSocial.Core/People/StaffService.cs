using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.People;

public enum SignInStatus { None, Invited, InvitationExpired, Active }

public sealed record StaffQuery(string? Search, bool ShowLeavers, int Page);

public sealed record StaffRow(Guid Id, string Name, StaffKind Kind, string? JobTitle, IReadOnlyList<Role> Roles, DateOnly? LeavingDate);

public sealed record RoleHeld(Guid AssignmentId, Role Role, bool IsNamedOnlineSafetyGovernor);

public sealed record StaffDetail(Guid Id, StaffKind Kind, string FirstName, string LastName, string? Email, string? JobTitle,
    DateOnly? StartDate, DateOnly? LeavingDate, IReadOnlyList<RoleHeld> Roles, SignInStatus SignIn, DateTimeOffset? InvitationExpiresAt)
{
    public string FullName => $"{FirstName} {LastName}";
    public bool HasLeft(DateOnly today) => LeavingDate is { } d && d <= today;
}

/// <summary>What a form says about a staff member, governor, volunteer or contractor.</summary>
public sealed record StaffChange(StaffKind Kind, string? FirstName, string? LastName, string? Email, string? JobTitle, DateOnly? StartDate);

/// <summary>The adults who work in or for a school or the trust's central team: listed, added, changed, and recorded as leaving (never deleted).</summary>
public sealed class StaffService(SafeSocialDb db, TimeProvider clock)
{
    public const int PageSize = 50;

    private DateOnly Today => UkTime.Today(clock);

    public async Task<ResultPage<StaffRow>> ListAsync(Guid orgId, StaffQuery query, CancellationToken ct = default)
    {
        var today = Today;
        var staff = db.StaffMembers.AsNoTracking().Where(s => s.OrganisationId == orgId);
        if (!query.ShowLeavers) staff = staff.Where(s => s.LeavingDate == null || s.LeavingDate > today);
        foreach (var pattern in SearchTerms.Patterns(query.Search))
            staff = staff.Where(s => EF.Functions.ILike(s.FirstName + " " + s.LastName + " " + (s.JobTitle ?? "") + " " + (s.Email ?? ""), pattern, "\\"));

        var total = await staff.CountAsync(ct);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = total == 0 ? [] : await staff
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ThenBy(s => s.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(s => new StaffRow(s.Id, s.FirstName + " " + s.LastName, s.Kind, s.JobTitle,
                s.Roles.OrderBy(r => r.Role).Select(r => r.Role).ToList(), s.LeavingDate))
            .ToListAsync(ct);
        return new ResultPage<StaffRow>(rows, total, page, PageSize);
    }

    public async Task<StaffDetail?> FindAsync(Guid orgId, Guid staffId, CancellationToken ct = default)
    {
        var s = await db.StaffMembers.AsNoTracking().Where(x => x.OrganisationId == orgId && x.Id == staffId)
            .Select(x => new
            {
                x.Id, x.Kind, x.FirstName, x.LastName, x.Email, x.JobTitle, x.StartDate, x.LeavingDate, x.UserId,
                Roles = x.Roles.OrderBy(r => r.Role).Select(r => new RoleHeld(r.Id, r.Role, r.IsNamedOnlineSafetyGovernor)).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (s is null) return null;

        var now = clock.GetUtcNow();
        var invitations = s.UserId is not null ? [] : await db.StaffInvitations.AsNoTracking()
            .Where(i => i.OrganisationId == orgId && i.StaffMemberId == staffId && i.AcceptedAt == null)
            .Select(i => i.ExpiresAt).ToListAsync(ct);
        var open = invitations.Where(e => e > now).Order().LastOrDefault();
        var status = s.UserId is not null ? SignInStatus.Active
            : open != default ? SignInStatus.Invited
            : invitations.Count > 0 ? SignInStatus.InvitationExpired
            : SignInStatus.None;
        return new StaffDetail(s.Id, s.Kind, s.FirstName, s.LastName, s.Email, s.JobTitle, s.StartDate, s.LeavingDate, s.Roles,
            status, open == default ? null : open);
    }

    public async Task<(Outcome Outcome, Guid? Id)> AddAsync(Guid orgId, StaffChange change, CancellationToken ct = default)
    {
        var problems = await CheckAsync(orgId, null, change, ct);
        if (problems.Count > 0) return (Outcome.Refused(problems), null);
        var staff = new StaffMember
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, FirstName = "", LastName = "",
        };
        Apply(staff, change);
        db.StaffMembers.Add(staff);
        await db.SaveChangesAsync(ct);
        return (Outcome.Done, staff.Id);
    }

    public async Task<Outcome> UpdateAsync(Guid orgId, Guid staffId, StaffChange change, CancellationToken ct = default)
    {
        var staff = await db.StaffMembers.FirstOrDefaultAsync(s => s.OrganisationId == orgId && s.Id == staffId, ct);
        if (staff is null) return Outcome.NotFound;
        var problems = await CheckAsync(orgId, staffId, change, ct);
        if (staff.LeavingDate is { } leaving && change.StartDate > leaving)
            problems.Add(new Problem(nameof(StaffChange.StartDate), $"The start date must be before their leaving date, {leaving:d MMMM yyyy}"));
        if (problems.Count > 0) return Outcome.Refused(problems);
        Apply(staff, change);
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>
    /// Records when someone leaves (or left). From that day they lose access; their record stays.
    /// Open invitations are withdrawn, and the last person able to give roles cannot be recorded as leaving.
    /// </summary>
    public async Task<Outcome> RecordLeavingAsync(Guid orgId, Guid staffId, DateOnly leavingDate, string? reason, CancellationToken ct = default)
    {
        var staff = await db.StaffMembers.FirstOrDefaultAsync(s => s.OrganisationId == orgId && s.Id == staffId, ct);
        if (staff is null) return Outcome.NotFound;
        if (staff.StartDate is { } start && leavingDate < start)
            return Outcome.Refused("LeavingDate", $"The leaving date must be on or after their start date, {start:d MMMM yyyy}");
        var orphaned = await ManageRolesGuard.OrphanedByAsync(db, orgId, Today, drop: h => h.StaffMemberId == staffId, ct: ct);
        if (orphaned.Count > 0)
            return Outcome.Refused("LeavingDate",
                $"{staff.FullName} is the only person who can give and remove roles at {string.Join(" and ", orphaned)}. Give that to someone else before recording that they are leaving");

        staff.LeavingDate = leavingDate;
        var now = clock.GetUtcNow();
        foreach (var invitation in await db.StaffInvitations.Where(i => i.StaffMemberId == staffId && i.AcceptedAt == null && i.ExpiresAt > now).ToListAsync(ct))
            invitation.ExpiresAt = now;
        db.Audit.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        // Leaving today or earlier ends any official account admin access in the same transaction; a later date, on the day.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        await new Accounts.AdminAccessEnding(db, clock).EndForLeaversAsync(Today, [staffId], ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return Outcome.Done;
    }

    /// <summary>What is wrong with the form, so a page can show every problem at once.</summary>
    public async Task<List<Problem>> CheckAsync(Guid orgId, Guid? staffId, StaffChange c, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(c.FirstName)) problems.Add(new(nameof(c.FirstName), "Enter their first name"));
        else if (c.FirstName.Trim().Length > 100) problems.Add(new(nameof(c.FirstName), "First name must be 100 characters or fewer"));
        if (string.IsNullOrWhiteSpace(c.LastName)) problems.Add(new(nameof(c.LastName), "Enter their last name"));
        else if (c.LastName.Trim().Length > 100) problems.Add(new(nameof(c.LastName), "Last name must be 100 characters or fewer"));
        if (!string.IsNullOrWhiteSpace(c.JobTitle) && c.JobTitle.Trim().Length > 200) problems.Add(new(nameof(c.JobTitle), "Job title must be 200 characters or fewer"));

        var email = c.Email?.Trim();
        if (!string.IsNullOrEmpty(email))
        {
            if (!LooksLikeEmail(email))
                problems.Add(new(nameof(c.Email), "Enter an email address in the correct format, like name@school.org.uk"));
            else
            {
                var lower = email.ToLowerInvariant();
                var taken = await db.StaffMembers.AnyAsync(s => s.OrganisationId == orgId && s.Id != staffId && s.Email != null && s.Email.ToLower() == lower, ct);
                if (taken) problems.Add(new(nameof(c.Email), "Someone else here already has this email address"));
            }
        }
        if (c.StartDate is { } start && start > Today.AddYears(1))
            problems.Add(new(nameof(c.StartDate), "The start date must be within the next year"));
        return problems;
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace) && email.Length <= 254;
    }

    private static void Apply(StaffMember staff, StaffChange c)
    {
        staff.Kind = c.Kind;
        staff.FirstName = c.FirstName!.Trim();
        staff.LastName = c.LastName!.Trim();
        staff.Email = string.IsNullOrWhiteSpace(c.Email) ? null : c.Email.Trim();
        staff.JobTitle = string.IsNullOrWhiteSpace(c.JobTitle) ? null : c.JobTitle.Trim();
        staff.StartDate = c.StartDate;
    }
}
