using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SafeSocial.Core.Accounts;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.Accounts;

/// <summary>
/// The application on a clock the test moves, checking the security stamp on every request (so the second factor must
/// survive the principal being rebuilt), with every log line of every category captured at Trace level.
/// </summary>
public sealed class CustodyFixture(PostgresServer server) : AppFixture(server)
{
    public FakeClock FakeClock { get; } = new(TimeProvider.System.GetUtcNow());
    protected override TimeProvider Clock => FakeClock;
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<ILoggerProvider>(Logs);
        services.AddLogging(b => b.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
    }
}

/// <summary>Keeps every log message, its exception and its scopes as text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);
    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}

/// <summary>The demo trust's active official account and what the custody tests need of it.</summary>
internal static class Custody
{
    public const string HeadOfComms = "head-of-communications@demo.safesocial.test";
    public const string Admin = "e-safety-coordinator@demo.safesocial.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(DemoTrust Demo, OfficialAccount Account, string Url)> DemoAccountAsync(AppFixture app)
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var account = await db.OfficialAccounts.SingleAsync(a => a.OrganisationId == demo.School && a.Handle == "@alpha.primary", Ct);
        return (demo, account, $"/o/{demo.School}/accounts/{account.Id}");
    }

    /// <summary>An anti-forgery token from the person's own account page, for posting to a page they may not open.</summary>
    public static async Task<string> TokenAsync(TestClient client) =>
        (await client.GetPageAsync("/account")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    public static bool IsForbidden(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/error/403", StringComparison.Ordinal));

    /// <summary>The mail sent so far, once the outbox has sent everything queued.</summary>
    public static async Task<IReadOnlyList<StoredMail>> MailAsync(AppFixture app)
    {
        await app.Services.GetRequiredService<MailOutbox>().EmptyAsync();
        return app.Services.GetRequiredService<FolderMailSender>().Read();
    }
}
