using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Identity;

namespace SafeSocial.Core.Consent.Portal;

public enum LinkRequestResult
{
    /// <summary>The address is a parent's at some school: a link was made, to be emailed.</summary>
    Sent,
    /// <summary>No school has the address. The parent is told exactly what <see cref="Sent"/> tells them.</summary>
    NotKnown,
    /// <summary>Too many links for this address in the last hour, known or not.</summary>
    TooMany,
}

/// <param name="Token">The single-use token to email; only when <see cref="LinkRequestResult.Sent"/>.</param>
/// <param name="ParentName">The name a school has for the parent, to greet them by.</param>
public sealed record LinkRequest(LinkRequestResult Result, string Email, string? Token = null, string? ParentName = null, DateTimeOffset? ExpiresAt = null);

public enum LinkState { Valid, Unknown, Expired, Used }

public sealed record LinkView(LinkState State, string? Email);

/// <summary>
/// Parents sign in to the portal without a password: they ask for a link by email address, and the emailed
/// single-use link signs them in. Parent records belong to schools and one parent may be at several, so the
/// lookups here read past the organisation filter on purpose, and only by email address or token.
/// </summary>
public sealed class ParentSignIn(SafeSocialDb db, TimeProvider clock)
{
    /// <summary>Long enough to open the email on a phone; short enough that a forwarded or leaked link soon stops working.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);
    /// <summary>A parent who lost a link or two can ask again; a stranger cannot flood someone's inbox.</summary>
    public const int LinksPerAddressPerHour = 3;

    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    public async Task<LinkRequest> RequestAsync(string email, CancellationToken ct = default)
    {
        var address = Normalise(email);
        var addressHash = InvitationService.Hash(address);
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        if (await db.ParentSignInRequests.CountAsync(r => r.EmailHash == addressHash && r.RequestedAt > hourAgo, ct) >= LinksPerAddressPerHour)
            return new LinkRequest(LinkRequestResult.TooMany, address);

        var parent = await ParentNamesAsync(address, ct);
        var request = new ParentSignInRequest { Id = Guid.NewGuid(), EmailHash = addressHash, RequestedAt = now };
        string? token = null;
        if (parent is not null)
        {
            token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            request.Email = address;
            request.TokenHash = InvitationService.Hash(token);
            request.ExpiresAt = now + LinkLifetime;
        }
        db.ParentSignInRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return parent is null
            ? new LinkRequest(LinkRequestResult.NotKnown, address)
            : new LinkRequest(LinkRequestResult.Sent, address, token, parent, request.ExpiresAt);
    }

    /// <summary>A new link for the address an old (expired or used) link was sent to, so the parent need not type it again.</summary>
    public async Task<LinkRequest?> RequestAgainAsync(string oldToken, CancellationToken ct = default)
    {
        var hash = InvitationService.Hash(oldToken);
        var email = await db.ParentSignInRequests.Where(r => r.TokenHash == hash).Select(r => r.Email).FirstOrDefaultAsync(ct);
        return email is null ? null : await RequestAsync(email, ct);
    }

    public async Task<LinkView> ViewAsync(string token, CancellationToken ct = default)
    {
        var hash = InvitationService.Hash(token);
        return Describe(await db.ParentSignInRequests.AsNoTracking().FirstOrDefaultAsync(r => r.TokenHash == hash, ct));
    }

    /// <summary>Uses the link: it works once, so the row is locked while it is marked used.</summary>
    public async Task<LinkView> UseAsync(string token, CancellationToken ct = default)
    {
        var hash = InvitationService.Hash(token);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = (await db.ParentSignInRequests
            .FromSqlInterpolated($"SELECT * FROM \"ParentSignInRequests\" WHERE \"TokenHash\" = {hash} FOR UPDATE").ToListAsync(ct)).FirstOrDefault();
        var view = Describe(request);
        if (view.State != LinkState.Valid) return view;
        var name = await ParentNamesAsync(request!.Email!, ct);
        db.Audit.ActAs(null, ParentFamily.ActorName(name ?? request.Email!), db.Audit.IpAddress);
        request.UsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return view;
    }

    private LinkView Describe(ParentSignInRequest? request)
    {
        if (request?.Email is null || request.ExpiresAt is not { } expires) return new LinkView(LinkState.Unknown, null);
        if (request.UsedAt is not null) return new LinkView(LinkState.Used, request.Email);
        return new LinkView(expires <= clock.GetUtcNow() ? LinkState.Expired : LinkState.Valid, request.Email);
    }

    /// <summary>The names schools have for the address ("Ann Smith", or "Ann Smith and Bob Smith" for a shared address); null when none has it.</summary>
    private async Task<string?> ParentNamesAsync(string address, CancellationToken ct)
    {
        var names = await db.Parents.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Email != null && p.Email.ToLower() == address)
            .Select(p => p.FirstName + " " + p.LastName).Distinct().OrderBy(n => n).Take(3).ToListAsync(ct);
        return names.Count == 0 ? null : string.Join(" and ", names);
    }
}
