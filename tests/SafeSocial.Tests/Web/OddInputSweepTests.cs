using System.Collections.Concurrent;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.Web.AccessMatrix;

namespace SafeSocial.Tests.Web;

/// <summary>
/// Every page the access matrix knows, opened and posted with control characters (NUL, line breaks, a tab, ESC) in
/// every field it binds, as someone allowed to use it: nothing answers with a server error. A NUL refused by the
/// control-character check answers 400 with a page saying which field held what.
/// </summary>
public class OddInputSweepTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Odd = ["\0", "a\0b", "\r\n", "\t", "\u001b"];
    private readonly ConcurrentBag<string> _failures = [];

    [Fact]
    public async Task EveryPage_WithControlCharactersInEachField_AnswersWithoutAServerError()
    {
        var routes = await RouteCatalogue.ReadAsync(app.Services);
        var world = await MatrixWorld.BuildAsync(app);
        Assert.Contains(routes, r => r.Template == "/o/{orgId:guid}/pupils" && r.FieldNames.Contains("Search"));
        var anonymous = app.Anonymous();
        var requests = 0;

        foreach (var route in routes)
        {
            if (Reach(route, world) is not var (account, values)) continue;
            var client = account is null ? anonymous : account.Client ??= await app.SignedInAsync(account.Email);
            var url = RouteCatalogue.Fill(route.Template, values);
            var fields = route.FieldNames.Count > 0 ? route.FieldNames : ["q"];
            // One field at a time: a field that fails to bind (a number, a date) would otherwise stop the page before the others are used.
            foreach (var field in fields)
                foreach (var odd in Odd)
                {
                    var what = $"{route.Template} with {Shown(odd)} in {field}";
                    if (route.AnswersGet)
                    {
                        Check(await Answer.SendAsync(client.Http, HttpMethod.Get, $"{url}?{Uri.EscapeDataString(field)}={Uri.EscapeDataString(odd)}"), "GET " + what, account);
                        requests++;
                    }
                    foreach (var handler in route.PostHandlers)
                    {
                        // A post that really ran may have ended the session (sign-out): then sign in again.
                        if (account is not null && (await client.GetAsync("/account")).StatusCode != System.Net.HttpStatusCode.OK)
                            account.Client = client = await app.SignedInAsync(account.Email);
                        var token = await TokenAsync(client, account is null ? "/sign-in" : "/account");
                        var form = new FormUrlEncodedContent([new(field, odd), new("__RequestVerificationToken", token)]);
                        Check(await Answer.SendAsync(client.Http, HttpMethod.Post, handler is null ? url : $"{url}?handler={handler}", form),
                            $"POST {what}{(handler is null ? "" : " (handler " + handler + ")")}", account);
                        requests++;
                    }
                }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Odd input sweep: {routes.Count} routes, {requests} requests.");
        Assert.True(requests > 1000, $"only {requests} requests: the sweep reached too few pages");
        if (!_failures.IsEmpty) Assert.Fail($"{_failures.Count} server error(s):\n  " + string.Join("\n  ", _failures.Order().Take(80)));
    }

    [Fact]
    public async Task ANulInASearch_IsRefusedWithA400PageNamingTheField()
    {
        var world = await MatrixWorld.BuildAsync(app);
        var school = world.Organisations.First(o => o.PupilNames.Count > 0);
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");

        var answer = await Answer.SendAsync(client.Http, HttpMethod.Get, $"/o/{school.Id}/pupils?Search=%00");

        Assert.Equal(400, answer.Status);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(answer.Body);
        Assert.Equal("SafeSocial cannot use what was sent", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("The web address holds a null character in “Search”", page.QuerySelector("main")?.TextContent);
    }

    /// <summary>Who can use the page, and the route values for it: a member holding its permissions, or anyone for a page outside organisations.</summary>
    private static (MatrixAccount? Account, Dictionary<string, string> Values)? Reach(AppRoute route, MatrixWorld world)
    {
        var values = new Dictionary<string, string>(RecordLookups.Values, StringComparer.OrdinalIgnoreCase);
        if (!route.HasOrganisation)
        {
            foreach (var p in route.Parameters.Where(world.Records.ContainsKey)) values[p] = world.Records[p].Values.First().Id;
            return (route.IsPublic ? null : world.Accounts[0], values);
        }
        foreach (var account in world.Accounts)
            foreach (var membership in account.Access.Memberships.Where(m => route.RequiredPermissions.All(m.Permissions.Contains)))
            {
                if (!route.Parameters.Where(world.Records.ContainsKey).All(p => world.Records[p].ContainsKey(membership.OrganisationId))) continue;
                values["orgId"] = membership.OrganisationId.ToString();
                foreach (var p in route.Parameters.Where(world.Records.ContainsKey)) values[p] = world.Records[p][membership.OrganisationId].Id;
                return (account, values);
            }
        return null;
    }

    private void Check(Answer answer, string what, MatrixAccount? account)
    {
        if (answer.IsServerError) _failures.Add($"{what} as {account?.Slug ?? "anonymous"}: {answer}");
    }

    private static async Task<string> TokenAsync(TestClient client, string page) =>
        (await client.GetPageAsync(page)).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{page} has no anti-forgery token");

    private static string Shown(string odd) => string.Concat(odd.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
