using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Identity;

/// <summary>
/// One signed-in session of a staff member (<see cref="UserId"/>) or of a parent in the portal (<see cref="ParentEmail"/>:
/// parents have no sign-in account). Its id travels in the sign-in cookie and every request checks the row is still
/// open, so signing out ends the session at once, on every server, even for a copy of the cookie.
/// </summary>
public class SignInSession
{
    public Guid Id { get; set; }
    public Guid? UserId { get; set; }
    public string? ParentEmail { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
        b.Property(s => s.ParentEmail).HasMaxLength(320);
        b.ToTable(t => t.HasCheckConstraint("CK_SignInSessions_StaffOrParent", "(\"UserId\" IS NULL) <> (\"ParentEmail\" IS NULL)"));
    }
}

/// <summary>Opens, checks and ends sign-in sessions. Each start and end is in the audit trail (sign-in accounts belong to no one school).</summary>
public sealed class SignInSessions(SafeSocialDb db, TimeProvider clock)
{
    public Task<Guid> StartAsync(Guid userId, CancellationToken ct = default) =>
        StartAsync(new SignInSession { Id = Guid.NewGuid(), UserId = userId, StartedAt = clock.GetUtcNow() }, ct);

    public Task<Guid> StartForParentAsync(string email, CancellationToken ct = default) =>
        StartAsync(new SignInSession { Id = Guid.NewGuid(), ParentEmail = email, StartedAt = clock.GetUtcNow() }, ct);

    private async Task<Guid> StartAsync(SignInSession session, CancellationToken ct)
    {
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>One primary-key lookup per request: cheap enough to need no cache, so an ended session fails on every server at once.</summary>
    public Task<bool> IsOpenAsync(Guid sessionId, Guid userId, CancellationToken ct = default) =>
        db.SignInSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, ct);

    public Task<bool> IsOpenForParentAsync(Guid sessionId, string email, CancellationToken ct = default) =>
        db.SignInSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.ParentEmail == email && s.EndedAt == null, ct);

    public async Task EndAsync(Guid sessionId, CancellationToken ct = default)
    {
        var session = await db.SignInSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.EndedAt == null, ct);
        if (session is null) return;
        session.EndedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Ends every open session of the person but <paramref name="keep"/> (null: every one).</summary>
    public async Task EndOthersAsync(Guid userId, Guid? keep, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var s in await db.SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep).ToListAsync(ct))
            s.EndedAt = now;
        await db.SaveChangesAsync(ct);
    }
}
