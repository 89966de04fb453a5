using System.Net;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>
/// Who may reveal the demo school's active account, and who may open it in an emergency, for every role (each demo
/// user holds one), the account's admin and a headteacher of the other school.
/// </summary>
public class RevealMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    public enum May { Yes, NeedsTwoFactor, Forbidden, NotFound }

    /// <summary>By default only the head of communications and the account's admin reveal; leadership opens it in an emergency.</summary>
    private static readonly Dictionary<Role, (May Reveal, May Emergency)> Expected = new()
    {
        [Role.TrustExecutiveLeadership] = (May.Forbidden, May.Yes),
        [Role.TrustBoard] = (May.Forbidden, May.Forbidden),
        [Role.HeadOfCommunications] = (May.Yes, May.Forbidden),
        [Role.ItStrategicLead] = (May.Forbidden, May.Forbidden),
        [Role.DataProtectionOfficer] = (May.Forbidden, May.Forbidden),
        [Role.DirectorOfHr] = (May.Forbidden, May.Forbidden),
        [Role.Headteacher] = (May.Forbidden, May.Yes),
        [Role.DesignatedSafeguardingLead] = (May.Forbidden, May.Forbidden),
        [Role.DeputyDesignatedSafeguardingLead] = (May.Forbidden, May.Forbidden),
        // The demo account's admin: reveals the ordinary way, so no emergency access for them.
        [Role.ESafetyCoordinator] = (May.Yes, May.Forbidden),
        [Role.SchoolBusinessManager] = (May.Forbidden, May.Forbidden),
        [Role.Governor] = (May.Forbidden, May.Forbidden),
        // The demo teacher is the account's second admin, but signs in without two-factor: told to set it up.
        [Role.Teacher] = (May.NeedsTwoFactor, May.Forbidden),
        [Role.SupportStaff] = (May.Forbidden, May.Forbidden),
        [Role.Volunteer] = (May.Forbidden, May.Forbidden),
        [Role.Contractor] = (May.Forbidden, May.Forbidden),
    };

    public static TheoryData<string, May, May> People()
    {
        var data = new TheoryData<string, May, May>();
        foreach (var role in Enum.GetValues<Role>())
            data.Add($"{Slug(role)}@demo.safesocial.test", Expected[role].Reveal, Expected[role].Emergency);
        data.Add("headteacher.second-school@demo.safesocial.test", May.NotFound, May.NotFound);
        data.Add("teacher.second-school@demo.safesocial.test", May.NotFound, May.NotFound);
        return data;
    }

    [Fact]
    public void TheMatrix_NamesEveryRole() => Assert.Equal(Enum.GetValues<Role>().Length, Expected.Count);

    [Theory]
    [MemberData(nameof(People))]
    public async Task RevealAndEmergencyAccess_AreAllowedOnlyToTheRightPeople(string email, May reveal, May emergency)
    {
        var (_, _, url) = await Custody.DemoAccountAsync(app);
        var client = await app.SignedInAsync(email);
        await ExpectAsync(client, url + "/reveal", reveal, "Reason", $"{email} reveals");
        await ExpectAsync(client, url + "/emergency", emergency, "Reason", $"{email} uses emergency access", getAllowedAnyway: emergency == May.Forbidden && reveal is May.Yes or May.NeedsTwoFactor);
    }

    private static async Task ExpectAsync(TestClient client, string url, May expected, string field, string what, bool getAllowedAnyway = false)
    {
        var get = await client.GetAsync(url);
        var post = await client.PostWithTokenAsync(url, await Custody.TokenAsync(client), [new(field, "Testing the permission matrix")]);
        switch (expected)
        {
            case May.Yes:
                Assert.True(get.StatusCode == HttpStatusCode.OK, $"{what}: GET answered {(int)get.StatusCode}");
                Assert.True(post.StatusCode == HttpStatusCode.OK, $"{what}: POST answered {(int)post.StatusCode}");
                var page = await TestClient.ParseAsync(post);
                Assert.Equal(DemoCredentials.Password, page.QuerySelector("#secret-password")?.TextContent);
                break;
            case May.NeedsTwoFactor:
                Assert.True(post.StatusCode == HttpStatusCode.OK, $"{what}: POST answered {(int)post.StatusCode}");
                var refused = await TestClient.ParseAsync(post);
                Assert.NotNull(refused.QuerySelector("#two-factor-needed"));
                Assert.Null(refused.QuerySelector("#secret-password"));
                break;
            case May.Forbidden:
                // The head of communications and the admin may open the emergency page to review accesses, not to use it.
                Assert.True(getAllowedAnyway ? get.StatusCode == HttpStatusCode.OK : Custody.IsForbidden(get), $"{what}: GET answered {(int)get.StatusCode}");
                Assert.True(Custody.IsForbidden(post), $"{what}: POST answered {(int)post.StatusCode}");
                Assert.DoesNotContain(DemoCredentials.Password, await post.Content.ReadAsStringAsync());
                break;
            default:
                Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
                break;
        }
    }

    private static string Slug(Role role) =>
        string.Concat(role.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + c : c.ToString())).ToLowerInvariant();
}
