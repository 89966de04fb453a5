using System.Threading.RateLimiting;

namespace SafeSocial.Web.Hosting;

/// <summary>
/// Limits parent portal link requests per IP address, on top of the per-address limit kept in the database.
/// Checked by the sign-in page itself rather than the middleware, so a refusal is a page that says kindly
/// what happened and when to try again, like the per-address refusal.
/// </summary>
public sealed class ParentLinkRateLimit : IDisposable
{
    public const string PermitsSetting = "SafeSocial:RateLimit:ParentLinkRequestsPerHour";
    /// <summary>Generous for a household or a parents' evening on the school's wifi; far too few to try addresses in bulk.</summary>
    public const int DefaultPermitsPerHour = 30;
    private readonly PartitionedRateLimiter<string> _limiter;

    public ParentLinkRateLimit(IConfiguration configuration)
    {
        var permits = configuration.GetValue(PermitsSetting, DefaultPermitsPerHour);
        _limiter = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    public bool TryAcquire(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
