using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Web;

/// <summary>The application on a clock the test moves, checking the security stamp on every request.</summary>
public sealed class SessionFixture(PostgresServer server) : AppFixture(server)
{
    public FakeClock FakeClock { get; } = new(TimeProvider.System.GetUtcNow());
    protected override TimeProvider Clock => FakeClock;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
}

public class SessionTests(SessionFixture app) : IClassFixture<SessionFixture>
{
    [Fact]
    public async Task SignOutOfAllDevices_EndsTheOtherSessions_ButNotThisOne()
    {
        const string email = "governor@demo.safesocial.test";
        var laptop = await app.SignedInAsync(email);
        var phone = await app.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/account")).StatusCode);

        await laptop.PostFormAsync("/account", [], "/account?handler=SignOutEverywhere");

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account")).StatusCode);
        var response = await phone.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/sign-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ACookieCopiedBeforeSigningOut_StopsWorkingAtOnce()
    {
        var client = app.Anonymous();
        var signedIn = await client.PostFormAsync("/sign-in", [new("Email", "teacher@demo.safesocial.test"), new("Password", SafeSocial.Core.Demo.DemoSeeder.Password)]);
        var cookies = signedIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("safesocial", StringComparison.Ordinal)).Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(cookies);
        var thief = app.Anonymous().Http;
        thief.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/account", TestContext.Current.CancellationToken)).StatusCode);

        await client.PostFormAsync("/account", [], "/account/sign-out");
        app.FakeClock.Advance(TimeSpan.FromMinutes(1));

        var replayed = await thief.GetAsync("/account", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/sign-in", replayed.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ASession_ExpiresAfterThirtyMinutesWithoutUse()
    {
        var client = await app.SignedInAsync("teacher@demo.safesocial.test");
        app.FakeClock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
        app.FakeClock.Advance(TimeSpan.FromMinutes(31));
        var response = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/sign-in", response.Headers.Location!.ToString());
    }
}
