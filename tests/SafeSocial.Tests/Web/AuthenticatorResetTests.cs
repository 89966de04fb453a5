using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.Web;

/// <summary>Once two-factor sign-in is on, its key is never shown again; a reset needs the password and a current code.</summary>
public class AuthenticatorResetTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Now(string key) => Totp.Code(key, TimeProvider.System.GetUtcNow());
    private static string Shown(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    [Fact]
    public async Task WithTwoFactorOn_TheKeyIsNeverShown_AndACodeAloneRenewsNothing()
    {
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");
        var page = await client.GetPageAsync("/account/two-factor");
        Assert.Null(page.QuerySelector("#authenticator-key"));
        Assert.DoesNotContain(DemoSeeder.AuthenticatorKey, page.Body!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#two-factor-on"));

        // The set-up form's post, with a good code, is no way to prove the second factor afresh.
        var posted = await client.PostFormAsync("/account/two-factor", [new("Code", Now(DemoSeeder.AuthenticatorKey))]);
        Assert.Equal("/account/two-factor", posted.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AReset_NeedsThePasswordAndACurrentCode_ShowsTheNewKeyOnce_AndTellsThePerson()
    {
        const string email = "e-safety-coordinator@demo.safesocial.test";
        var client = await app.SignedInAsync(email);

        foreach (var (password, code) in new[] { ("not my password", Now(DemoSeeder.AuthenticatorKey)), (DemoSeeder.Password, "000000") })
        {
            var refused = await TestClient.ParseAsync(await client.PostFormAsync("/account/two-factor", [new("Password", password), new("Code", code)], "/account/two-factor?handler=Reset"));
            Assert.Contains("The password or the code is not right", refused.QuerySelector(".govuk-error-summary")!.TextContent);
            Assert.Null(refused.QuerySelector("#authenticator-key"));
        }

        var reset = await TestClient.ParseAsync(await client.PostFormAsync("/account/two-factor",
            [new("Password", DemoSeeder.Password), new("Code", Now(DemoSeeder.AuthenticatorKey))], "/account/two-factor?handler=Reset"));
        var newKey = Shown(reset);
        Assert.NotEqual(DemoSeeder.AuthenticatorKey, newKey);
        // Shown once: not on the page again, nor after a wrong code.
        Assert.Null((await client.GetPageAsync("/account/two-factor")).QuerySelector("#authenticator-key"));
        var wrong = await TestClient.ParseAsync(await client.PostFormAsync("/account/two-factor", [new("Code", "000000")], "/account/two-factor?handler=Confirm"));
        Assert.Contains("That code is not right", wrong.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Null(wrong.QuerySelector("#authenticator-key"));

        var done = await client.PostFormAsync("/account/two-factor", [new("Code", Now(newKey))], "/account/two-factor?handler=Confirm");
        Assert.Equal("/account", done.Headers.Location?.OriginalString);
        await app.Services.GetRequiredService<MailOutbox>().EmptyAsync().WaitAsync(TestContext.Current.CancellationToken);
        var mail = Assert.Single(app.Services.GetRequiredService<FolderMailSender>().Read(), m => m.To == email);
        Assert.Equal("Your SafeSocial two-factor sign-in was reset", mail.Subject);

        // The old app's codes no longer sign in; the new one's do.
        var other = app.Anonymous();
        await other.PostFormAsync("/sign-in", [new("Email", email), new("Password", DemoSeeder.Password)]);
        var old = await other.PostFormAsync("/sign-in/code", [new("Code", Now(DemoSeeder.AuthenticatorKey))]);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await other.PostFormAsync("/sign-in/code", [new("Code", Now(newKey))]);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }
}
