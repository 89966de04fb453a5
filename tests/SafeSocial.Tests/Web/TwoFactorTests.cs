using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Web;

public class TwoFactorTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> SchoolOfAsync(string email)
    {
        await using var db = app.Db.System();
        return await db.StaffMembers.Where(s => s.Email == email).Select(s => s.OrganisationId).SingleAsync(Ct);
    }

    [Fact]
    public async Task PasswordAlone_DoesNotSignInAnAccountWithTwoFactor()
    {
        var client = app.Anonymous();
        var response = await client.PostFormAsync("/sign-in", [new("Email", "designated-safeguarding-lead@demo.safesocial.test"), new("Password", DemoSeeder.Password)]);
        Assert.StartsWith("/sign-in/code", response.Headers.Location!.OriginalString);
        var school = await SchoolOfAsync("designated-safeguarding-lead@demo.safesocial.test");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/o/{school}")).StatusCode);
    }

    [Fact]
    public async Task AWrongCode_IsRefusedWithAMessage()
    {
        var client = app.Anonymous();
        await client.PostFormAsync("/sign-in", [new("Email", "headteacher@demo.safesocial.test"), new("Password", DemoSeeder.Password)]);
        var response = await client.PostFormAsync("/sign-in/code", [new("Code", "000000")]);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("That code is not right", page.QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task SomeoneGivenASensitiveRole_MustSetUpTwoFactorBeforeAnythingElse()
    {
        // A teacher (no 2FA) is made a deputy DSL: their next request is sent to set up two-factor.
        const string email = "support-staff@demo.safesocial.test";
        var client = await app.SignedInAsync(email);
        var school = await SchoolOfAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/o/{school}")).StatusCode);
        await using (var db = app.Db.System())
        {
            var staff = await db.StaffMembers.SingleAsync(s => s.Email == email, Ct);
            db.RoleAssignments.Add(new SafeSocial.Core.Organisation.RoleAssignment { Id = Guid.NewGuid(), OrganisationId = school, StaffMemberId = staff.Id, Role = SafeSocial.Core.Organisation.Role.DeputyDesignatedSafeguardingLead });
            await db.SaveChangesAsync(Ct);
        }

        var response = await client.GetAsync($"/o/{school}");
        Assert.Equal("/account/two-factor", response.Headers.Location!.OriginalString);

        // Setting it up with a code from the app lets them in.
        var setup = await client.GetPageAsync("/account/two-factor");
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var done = await client.PostFormAsync("/account/two-factor", [new("Code", Totp.Code(key.ToUpperInvariant(), TimeProvider.System.GetUtcNow()))]);
        Assert.Equal("/account", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/o/{school}")).StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswords_MakeTheNextTryWait_WithoutALock()
    {
        const string email = "volunteer@demo.safesocial.test";
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/sign-in", [new("Email", email), new("Password", "wrong password " + i)]);
        var response = await client.PostFormAsync("/sign-in", [new("Email", email), new("Password", DemoSeeder.Password)]);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Too many tries. Wait 30 seconds", page.QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync(Ct));
    }
}
