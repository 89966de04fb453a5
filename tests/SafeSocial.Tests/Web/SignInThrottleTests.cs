using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.Web;

/// <summary>The application on a clock the test moves, so waits can pass.</summary>
public sealed class ThrottleFixture(PostgresServer server) : AppFixture(server)
{
    public FakeClock FakeClock { get; } = new(TimeProvider.System.GetUtcNow());
    protected override TimeProvider Clock => FakeClock;
}

/// <summary>Sign-in answers real and made-up addresses alike, and slows guessing instead of locking anyone out.</summary>
public class SignInThrottlePageTests(ThrottleFixture app) : IClassFixture<ThrottleFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string? Error)> TryAsync(string email, string password)
    {
        var response = await app.Anonymous().PostFormAsync("/sign-in", [new("Email", email), new("Password", password)]);
        var page = await TestClient.ParseAsync(response);
        return (response.StatusCode, page.QuerySelector(".govuk-error-summary")?.TextContent.Trim());
    }

    [Fact]
    public async Task RealAndMadeUpAddresses_GetTheSameAnswers_AndTheRealPersonIsNeverLockedOut()
    {
        const string real = "volunteer@demo.safesocial.test", madeUp = "no-such-person@demo.safesocial.test";
        foreach (var email in new[] { real, madeUp })
            for (var i = 0; i < SignInThrottle.FreeTriesPerAccount - 1; i++)
                Assert.Contains("Enter a correct email address and password", (await TryAsync(email, "wrong password " + i)).Error);

        // The try that uses up the free ones, and the next (even with the right password), answer alike for both.
        var realAnswers = new[] { await TryAsync(real, "wrong again"), await TryAsync(real, DemoSeeder.Password) };
        var madeUpAnswers = new[] { await TryAsync(madeUp, "wrong again"), await TryAsync(madeUp, DemoSeeder.Password) };
        Assert.Equal(realAnswers, madeUpAnswers);
        Assert.All(realAnswers, a => Assert.Contains("Too many tries. Wait 30 seconds, then try again", a.Error));

        // Nothing is locked: once the wait has passed the real person signs in.
        app.FakeClock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(real, DemoSeeder.Password)).Status);
    }

    [Fact]
    public async Task EachFurtherWrongTry_WaitsLonger_AndThePersonIsEmailedOnce()
    {
        const string email = "support-staff@demo.safesocial.test";
        for (var i = 0; i < SignInThrottle.FreeTriesPerAccount - 1; i++) await TryAsync(email, "wrong " + i);
        var waits = new List<string?>();
        foreach (var pause in new[] { 0, 31, 61, 121 })
        {
            app.FakeClock.Advance(TimeSpan.FromSeconds(pause));
            waits.Add((await TryAsync(email, "still wrong")).Error);
        }
        Assert.Equal(["30 seconds", "1 minute", "2 minutes", "4 minutes"], waits.Select(w => w![(w!.IndexOf("Wait ", StringComparison.Ordinal) + 5)..w.IndexOf(',', StringComparison.Ordinal)]));

        await app.Services.GetRequiredService<MailOutbox>().EmptyAsync().WaitAsync(Ct);
        var mail = Assert.Single(app.Services.GetRequiredService<FolderMailSender>().Read(), m => m.To == email);
        Assert.Equal("Wrong passwords were entered for your SafeSocial account", mail.Subject);
    }

    [Fact]
    public async Task WrongTriesRecordedByAnotherServer_CountHereToo()
    {
        const string email = "governor@demo.safesocial.test";
        await using (var db = app.Db.System())
        {
            for (var i = 0; i < SignInThrottle.FreeTriesPerAccount; i++)
                db.SignInAttempts.Add(new SignInAttempt { Id = Guid.NewGuid(), Account = SignInThrottle.PasswordAccount(email), Network = "192.0.2.7", At = app.FakeClock.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        }
        Assert.Contains("Too many tries", (await TryAsync(email, DemoSeeder.Password)).Error);
    }
}

/// <summary>The throttle's arithmetic, on a database of its own.</summary>
public class SignInThrottleTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ANetworkWhereThePersonSignedInBefore_IsNotHeldBackByOtherNetworksWrongTries()
    {
        var db = await TestDb.CreateAsync(server, _clock);
        await using var ctx = db.System();
        var throttle = new SignInThrottle(ctx, _clock);
        var account = SignInThrottle.PasswordAccount("head@school.example");
        await throttle.SucceededAsync(account, "198.51.100.1", Ct);
        _clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < SignInThrottle.FreeTriesPerAccount; i++) await throttle.FailedAsync(account, "203.0.113.9", Ct);

        Assert.Equal(SignInThrottle.FirstWait, await throttle.WaitAsync(account, "203.0.113.9", Ct));
        Assert.Equal(SignInThrottle.FirstWait, await throttle.WaitAsync(account, "192.0.2.50", Ct));
        Assert.Null(await throttle.WaitAsync(account, "198.51.100.1", Ct));
    }

    [Fact]
    public async Task ManyWrongTriesFromOneNetwork_SlowEveryAccountTriedFromIt()
    {
        var db = await TestDb.CreateAsync(server, _clock);
        await using var ctx = db.System();
        var throttle = new SignInThrottle(ctx, _clock);
        for (var i = 0; i < SignInThrottle.FreeTriesPerNetwork; i++)
            await throttle.FailedAsync(SignInThrottle.PasswordAccount($"guess{i}@school.example"), "203.0.113.9", Ct);
        Assert.NotNull(await throttle.WaitAsync(SignInThrottle.PasswordAccount("another@school.example"), "203.0.113.9", Ct));
        Assert.Null(await throttle.WaitAsync(SignInThrottle.PasswordAccount("another@school.example"), "198.51.100.1", Ct));
        Assert.Equal("2001:db8:1:2::/64", SignInThrottle.NetworkOf(System.Net.IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
    }
}
