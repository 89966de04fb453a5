using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Identity;

public enum InvitationState { Valid, Unknown, Expired, Replaced, Used, NoLongerHere }

/// <param name="HasAccount">The email already signs in to SafeSocial (at another school, say): accepting adds this school to that account.</param>
public sealed record InvitationView(InvitationState State, string PersonName, string OrganisationName, string Email, bool HasAccount);

public sealed record InvitationSent(string Token, string Email, string PersonName, string OrganisationName, DateTimeOffset ExpiresAt);

public sealed record InvitationAccepted(InvitationState State, AppUser? User, IReadOnlyList<IdentityError> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Staff accounts are made by invitation: a single-use link that expires, of which only a hash is stored.
/// The link is anonymous, so every lookup here names the one invitation and ignores the organisation scope.
/// </summary>
public sealed class InvitationService(SafeSocialDb db, UserManager<AppUser> users, TimeProvider clock)
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a new invitation for a staff member, withdrawing any earlier one still open.</summary>
    public async Task<(Outcome Outcome, InvitationSent? Sent)> CreateAsync(Guid orgId, Guid staffId, CancellationToken ct = default)
    {
        var staff = await db.StaffMembers.FirstOrDefaultAsync(s => s.OrganisationId == orgId && s.Id == staffId, ct);
        if (staff is null) return (Outcome.NotFound, null);
        var now = clock.GetUtcNow();
        if (staff.HasLeft(DateOnly.FromDateTime(now.UtcDateTime))) return (Outcome.Refused("", $"{staff.FullName} has left, so cannot be invited"), null);
        if (staff.UserId is not null) return (Outcome.Refused("", $"{staff.FullName} already signs in to SafeSocial"), null);
        if (string.IsNullOrWhiteSpace(staff.Email)) return (Outcome.Refused("", $"Add an email address for {staff.FullName} before inviting them"), null);

        foreach (var older in await db.StaffInvitations.Where(i => i.StaffMemberId == staffId && i.AcceptedAt == null && i.ExpiresAt > now).ToListAsync(ct))
            older.ExpiresAt = now;
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var days = await ValidDaysAsync(orgId, ct);
        var invitation = new StaffInvitation
        {
            Id = Guid.NewGuid(), OrganisationId = orgId, StaffMemberId = staffId, Email = staff.Email.Trim(),
            TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now.AddDays(days),
        };
        db.StaffInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        var orgName = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == orgId).Select(o => o.Name).FirstAsync(ct);
        return (Outcome.Done, new InvitationSent(token, invitation.Email, staff.FullName, orgName, invitation.ExpiresAt));
    }

    public async Task<InvitationView> ViewAsync(string token, CancellationToken ct = default)
    {
        var hash = Hash(token);
        var invitation = await db.StaffInvitations.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        return invitation is null ? new InvitationView(InvitationState.Unknown, "", "", "", false) : await DescribeAsync(invitation, ct);
    }

    /// <summary>
    /// Uses the invitation: creates the sign-in with this password (or, when the email already has one, checks
    /// that account's password) and links it to the staff member. The invitation row is locked, so it works once.
    /// </summary>
    public async Task<InvitationAccepted> AcceptAsync(string token, string password, CancellationToken ct = default)
    {
        var view = await ViewAsync(token, ct);
        if (view.State != InvitationState.Valid) return new(view.State, null, []);
        var existing = view.HasAccount ? await users.FindByEmailAsync(view.Email) : null;
        if (existing is not null)
        {
            // Checked before the transaction, so a wrong password still counts towards the lockout.
            if (await users.IsLockedOutAsync(existing))
                return new(InvitationState.Valid, null, [new IdentityError { Code = "LockedOut", Description = "Too many wrong passwords: this account is locked for 15 minutes" }]);
            if (!await users.CheckPasswordAsync(existing, password))
            {
                await users.AccessFailedAsync(existing);
                return new(InvitationState.Valid, null, [new IdentityError { Code = "WrongPassword", Description = "Enter the password you already use to sign in to SafeSocial" }]);
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hash = Hash(token);
        var invitation = (await db.StaffInvitations.FromSqlInterpolated($"SELECT * FROM \"StaffInvitations\" WHERE \"TokenHash\" = {hash} FOR UPDATE")
            .IgnoreQueryFilters().ToListAsync(ct)).FirstOrDefault();
        if (invitation is null) return new(InvitationState.Unknown, null, []);
        var state = (await DescribeAsync(invitation, ct)).State;
        if (state != InvitationState.Valid) return new(state, null, []);

        var staff = await db.StaffMembers.IgnoreQueryFilters().FirstAsync(s => s.Id == invitation.StaffMemberId, ct);
        var user = existing ?? new AppUser
        {
            Id = Guid.NewGuid(), UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = staff.FullName,
        };
        db.Audit.ActAs(user.Id, staff.FullName, db.Audit.IpAddress);
        if (existing is null)
        {
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) return new(InvitationState.Valid, null, created.Errors.ToList());
        }
        staff.UserId = user.Id;
        invitation.AcceptedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(InvitationState.Valid, user, []);
    }

    private async Task<InvitationView> DescribeAsync(StaffInvitation invitation, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var staff = await db.StaffMembers.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == invitation.StaffMemberId)
            .Select(s => new { s.FirstName, s.LastName, s.UserId, s.LeavingDate }).FirstAsync(ct);
        var orgName = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == invitation.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        var state = InvitationState.Valid;
        if (invitation.AcceptedAt is not null || staff.UserId is not null) state = InvitationState.Used;
        else if (staff.LeavingDate is { } left && left <= DateOnly.FromDateTime(now.UtcDateTime)) state = InvitationState.NoLongerHere;
        else if (invitation.ExpiresAt <= now)
            state = await db.StaffInvitations.IgnoreQueryFilters().AnyAsync(i => i.StaffMemberId == invitation.StaffMemberId && i.CreatedAt > invitation.CreatedAt, ct)
                ? InvitationState.Replaced : InvitationState.Expired;
        var normalised = users.NormalizeEmail(invitation.Email);
        var hasAccount = state == InvitationState.Valid && await users.Users.AnyAsync(u => u.NormalizedEmail == normalised, ct);
        return new InvitationView(state, $"{staff.FirstName} {staff.LastName}", orgName, invitation.Email, hasAccount);
    }

    /// <summary>How long a new invitation works: the school's setting, else its trust's, else SafeSocial's default.</summary>
    public async Task<int> ValidDaysAsync(Guid orgId, CancellationToken ct = default)
    {
        var trustId = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == orgId).Select(o => o.TrustId).FirstAsync(ct);
        var settings = await db.PolicySettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.OrganisationId == orgId || s.OrganisationId == trustId).ToListAsync(ct);
        return EffectivePolicySettings.Defaults
            .Over(settings.FirstOrDefault(s => s.OrganisationId == trustId))
            .Over(settings.FirstOrDefault(s => s.OrganisationId == orgId)).InvitationValidDays;
    }
}
