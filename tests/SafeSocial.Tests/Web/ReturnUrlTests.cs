using System.Net;
using SafeSocial.Core.Demo;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Security;

namespace SafeSocial.Tests.Web;

public class ReturnUrlTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/o\r\nSet-Cookie: x=1")]
    [InlineData("/account\n")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task SigningIn_WithAReturnAddressOffThisSite_GoesHome(string returnUrl)
    {
        var response = await app.Anonymous().PostFormAsync("/sign-in",
            [new("Email", "teacher@demo.safesocial.test"), new("Password", DemoSeeder.Password), new("ReturnUrl", returnUrl)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.True(location == "/" || location.StartsWith("/sign-in/code", StringComparison.Ordinal), location);
    }

    [Fact]
    public async Task SigningIn_WithAReturnAddressOnThisSite_GoesThere()
    {
        var response = await app.Anonymous().PostFormAsync("/sign-in",
            [new("Email", "teacher@demo.safesocial.test"), new("Password", DemoSeeder.Password), new("ReturnUrl", "/account")]);
        Assert.Equal("/account", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/o/1/pupils?Search=x", true)]
    [InlineData("/", true)]
    [InlineData("/a\tb", false)]
    [InlineData("/a\u007fb", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("pupils", false)]
    public void LocalUrl_AcceptsOnlyAPathOnThisSite(string? url, bool local) => Assert.Equal(local, LocalUrl.IsLocal(url));
}
