using System.Net;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Web;

public class SignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AnonymousVisitor_IsSentToSignIn()
    {
        var response = await app.Anonymous().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/sign-in", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task WrongPassword_SaysWhatToFix()
    {
        var response = await app.Anonymous().PostFormAsync("/sign-in", [new("Email", "teacher@demo.safesocial.test"), new("Password", "not the password")]);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Enter a correct email address and password", page.QuerySelector(".govuk-error-summary")!.TextContent);
        // The email is kept so nothing typed is lost; the password is never sent back.
        Assert.Equal("teacher@demo.safesocial.test", page.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#Password")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Headteacher_SignsInWithTwoFactor_AndReachesTheirSchool()
    {
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        var school = await client.GetPageAsync(home.Headers.Location!.OriginalString);
        Assert.Contains("Alder Brook Primary School", school.QuerySelector("h1")!.TextContent);
    }
}
