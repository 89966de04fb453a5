using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SafeSocial.Web.Hosting;

/// <summary>
/// Limits password and invitation form posts per IP address, against guessing across many accounts
/// (the lockout covers one account). Pages opt in with [EnableRateLimiting(CredentialRateLimit.Policy)];
/// only their POSTs count, and a refusal shows the friendly 429 page.
/// </summary>
public static class CredentialRateLimit
{
    public const string Policy = "credential-posts";
    public const string PermitsSetting = "SafeSocial:RateLimit:CredentialPostsPerMinute";
    /// <summary>Generous enough for a staff room signing in together behind one school IP address.</summary>
    public const int DefaultPermitsPerMinute = 30;

    public static IServiceCollection AddCredentialRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue(PermitsSetting, DefaultPermitsPerMinute);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        });
    }
}
