using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Identity;

/// <summary>
/// One try at a password or a second-factor code, kept in the database so every server counts the same tries.
/// The account is a hash of what was typed (an address may be mistyped, or be a password typed in the wrong box),
/// so made-up and real addresses are counted alike.
/// </summary>
public class SignInAttempt
{
    public Guid Id { get; set; }
    public required string Account { get; set; }
    public required string Network { get; set; }
    public DateTimeOffset At { get; set; }
    public bool Succeeded { get; set; }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> b)
    {
        b.Property(a => a.Account).HasMaxLength(64);
        b.Property(a => a.Network).HasMaxLength(64);
        b.HasIndex(a => new { a.Account, a.At });
        b.HasIndex(a => new { a.Network, a.At });
    }
}

/// <param name="Wait">How long before the next try is looked at; null when it may be tried now.</param>
/// <param name="TellThePerson">This failure started a burst of them: the account's owner should be emailed, once.</param>
public sealed record ThrottleAnswer(TimeSpan? Wait, bool TellThePerson = false);

/// <summary>
/// Slows guessing without letting anyone lock a person out (NCSC: throttle rather than lock). After a few wrong
/// tries for one account, or many from one network, each further try must wait longer (30 seconds, doubling, at
/// most 15 minutes), counted from the last wrong one. Nothing is ever locked: the real person can always sign in
/// after the wait, and a network where the account has signed in before is held back only by its own wrong tries.
/// The answer depends only on what was typed and where from, never on whether the account exists.
/// </summary>
public sealed class SignInThrottle(SafeSocialDb db, TimeProvider clock)
{
    public const int FreeTriesPerAccount = 5;
    /// <summary>A staff room signs in behind one school address: generous, yet far too few to try many accounts.</summary>
    public const int FreeTriesPerNetwork = 20;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);
    /// <summary>Wrong tries older than this no longer count against an account (a success wipes them sooner).</summary>
    private static readonly TimeSpan AccountMemory = TimeSpan.FromHours(24);
    private static readonly TimeSpan NetworkMemory = TimeSpan.FromHours(1);
    private static readonly TimeSpan KnownNetworkMemory = TimeSpan.FromDays(30);

    public static string PasswordAccount(string email) => InvitationService.Hash("password:" + email.Trim().ToUpperInvariant());
    public static string CodeAccount(Guid userId) => InvitationService.Hash("code:" + userId);

    /// <summary>The network an address belongs to: the address itself, or an IPv6 address's /64 (one home or office).</summary>
    public static string NetworkOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>How long this try must wait, or null to go ahead. A refused try is not counted.</summary>
    public async Task<TimeSpan?> WaitAsync(string account, string network, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (accountFailures, _) = await AccountFailuresAsync(account, network, now, ct);
        var networkFailures = await NetworkFailuresAsync(network, now, ct);
        var until = new[] { Until(accountFailures, FreeTriesPerAccount), Until(networkFailures, FreeTriesPerNetwork) }.Max();
        return until > now ? until - now : null;
    }

    public async Task<ThrottleAnswer> FailedAsync(string account, string network, CancellationToken ct = default)
    {
        await RecordAsync(account, network, succeeded: false, ct);
        var now = clock.GetUtcNow();
        var (counted, all) = await AccountFailuresAsync(account, network, now, ct);
        var networkFailures = await NetworkFailuresAsync(network, now, ct);
        var until = new[] { Until(counted, FreeTriesPerAccount), Until(networkFailures, FreeTriesPerNetwork) }.Max();
        return new ThrottleAnswer(until > now ? until - now : null, TellThePerson: all.Count == FreeTriesPerAccount);
    }

    public Task SucceededAsync(string account, string network, CancellationToken ct = default) => RecordAsync(account, network, succeeded: true, ct);

    private async Task RecordAsync(string account, string network, bool succeeded, CancellationToken ct)
    {
        db.SignInAttempts.Add(new SignInAttempt { Id = Guid.NewGuid(), Account = account, Network = network, At = clock.GetUtcNow(), Succeeded = succeeded });
        await db.SaveChangesAsync(ct);
    }

    /// <returns>The wrong tries that hold this network back for the account, and all of the account's since its last success.</returns>
    private async Task<(List<DateTimeOffset> Counted, List<DateTimeOffset> All)> AccountFailuresAsync(string account, string network, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - KnownNetworkMemory;
        var recent = await db.SignInAttempts.AsNoTracking()
            .Where(a => a.Account == account && a.At > since)
            .Select(a => new { a.At, a.Network, a.Succeeded }).ToListAsync(ct);
        var lastSuccess = recent.Where(a => a.Succeeded).Select(a => (DateTimeOffset?)a.At).Max();
        var from = lastSuccess is { } s && s > now - AccountMemory ? s : now - AccountMemory;
        var failures = recent.Where(a => !a.Succeeded && a.At > from).ToList();
        var known = recent.Any(a => a.Succeeded && a.Network == network);
        var counted = failures.Where(a => !known || a.Network == network).Select(a => a.At).ToList();
        return (counted, failures.Select(a => a.At).ToList());
    }

    private async Task<List<DateTimeOffset>> NetworkFailuresAsync(string network, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - NetworkMemory;
        return await db.SignInAttempts.AsNoTracking().Where(a => a.Network == network && a.At > since && !a.Succeeded).Select(a => a.At).ToListAsync(ct);
    }

    /// <summary>When the next try may come after these wrong ones: 30 seconds after the last once the free tries are used, doubling each time.</summary>
    private static DateTimeOffset Until(List<DateTimeOffset> failures, int free)
    {
        if (failures.Count < free) return DateTimeOffset.MinValue;
        var doublings = Math.Min(failures.Count - free, 10);
        var wait = TimeSpan.FromTicks(Math.Min(FirstWait.Ticks << doublings, LongestWait.Ticks));
        return failures.Max() + wait;
    }

    /// <summary>"30 seconds", "1 minute", "4 minutes": what a person is asked to wait.</summary>
    public static string Describe(TimeSpan wait)
    {
        if (wait <= TimeSpan.FromSeconds(60))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return seconds switch { 60 => "1 minute", 1 => "1 second", _ => $"{seconds} seconds" };
        }
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }
}
