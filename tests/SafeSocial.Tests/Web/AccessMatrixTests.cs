using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.Web.AccessMatrix;

namespace SafeSocial.Tests.Web;

/// <summary>
/// Requests every page and endpoint the running application maps, as every demo account and anonymously,
/// for the account's own school or trust and for organisations it does not belong to, and proves nothing
/// leaks: non-members get 404, another school's record answers 404, nothing answers 500, no page holds inline
/// script or style (the Content-Security-Policy would block it). Pages are read
/// from the app's EndpointDataSource, so a new page is covered without editing this test.
/// </summary>
public class AccessMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string OrgId = "orgId";
    private readonly ConcurrentBag<(string What, string? Who)> _failures = [];
    private readonly ConcurrentDictionary<string, int> _answers = new();
    private readonly ConcurrentDictionary<string, string> _inline = new();
    private int _requests;

    [Fact]
    public async Task EveryPage_AsEveryRole_ForItsOwnAndOtherOrganisations_LeaksNothing()
    {
        var routes = await RouteCatalogue.ReadAsync(app.Services);
        var world = await MatrixWorld.BuildAsync(app);

        // The matrix must really be looking at the application, or it would pass by testing nothing.
        Assert.Contains(routes, r => r.Template == "/o/{orgId:guid}" && r.ChecksOrganisation && !r.IsPublic);
        Assert.Contains(routes, r => r.Template == "/sign-in" && r.IsPublic);
        Assert.True(world.Accounts.Count >= Enum.GetValues<Role>().Length + 2, $"only {world.Accounts.Count} demo accounts found");
        Assert.True(world.Organisations.Count(o => world.Accounts.All(a => a.Access.In(o.Id) is null)) >= 2, "no organisation outside everyone's reach");

        var testable = routes.Where(r => CheckStructure(r)).ToList();
        var anonymous = app.Anonymous();
        await CheckAnonymousAsync(testable, world, anonymous);

        await Parallel.ForEachAsync(world.Accounts, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken },
            async (account, _) =>
            {
                account.Client = await app.SignedInAsync(account.Email);
                foreach (var route in testable.Where(r => r.HasOrganisation && r.AnswersGet))
                    await CheckGetsAsync(route, account, world);
            });
        // Posts one at a time, so a change in the audit trail belongs to the post just made.
        foreach (var account in world.Accounts)
            foreach (var route in testable.Where(r => r.HasOrganisation && r.PostHandlers.Count > 0))
                await CheckPostsAsync(route, account, world);
        // Pages outside any organisation last: one of them might end the session.
        foreach (var account in world.Accounts)
            foreach (var route in testable.Where(r => !r.HasOrganisation && r.AnswersGet))
                Expect(await GetAsync(account.Client, RouteCatalogue.Fill(route.Template, RecordLookups.Values)), a => !a.IsServerError,
                    $"GET {route.Template}", "anything but a server error", account.Slug);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Access matrix: {testable.Count} routes, {world.Accounts.Count} accounts, {world.Organisations.Count} organisations, {_requests} requests. Answers:\n  "
            + string.Join("\n  ", _answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {a.Value}")));
        foreach (var (code, url) in _inline)
            Fail($"GET {url}: has inline code the Content-Security-Policy blocks (move it to a file under wwwroot): {code}");
        if (!_failures.IsEmpty) Assert.Fail(Report(world.Accounts.Count));
    }

    /// <summary>Rules the route itself must follow; false when its parameters cannot be filled.</summary>
    private bool CheckStructure(AppRoute route)
    {
        if (route.HasOrganisation && !route.ChecksOrganisation && !route.IsPublic)
            Fail($"{route.Template}: has {{orgId}} but is not protected by [RequirePermission] or [RequireMembership], so any signed-in person can open it for any school");
        var unknown = route.Parameters.Where(p => !p.Equals(OrgId, StringComparison.OrdinalIgnoreCase)
            && !RecordLookups.Records.ContainsKey(p) && !RecordLookups.Made.ContainsKey(p) && !RecordLookups.Values.ContainsKey(p)).ToList();
        foreach (var p in unknown) Fail(RecordLookups.MissingMapping(p, route.Template));
        return unknown.Count == 0;
    }

    private async Task CheckAnonymousAsync(IEnumerable<AppRoute> routes, MatrixWorld world, TestClient anonymous)
    {
        var school = world.Organisations.First(o => o.PupilNames.Count > 0); // a school of the demo trust
        foreach (var route in routes)
        {
            var url = Url(route, OwnValues(route, school.Id, world));
            // The parent portal has its own sign-in, apart from staff sign-in.
            var portal = route.Template.StartsWith("/parents/", StringComparison.Ordinal) || route.Template == "/parents";
            var what = route.IsPublic ? "anything but a server error" : portal ? "a redirect to /parents/sign-in" : "a redirect to /sign-in";
            Func<Answer, bool> ok = route.IsPublic ? a => !a.IsServerError : portal ? a => a.IsParentSignInRedirect : a => a.IsSignInRedirect;
            if (route.AnswersGet) Expect(await GetAsync(anonymous, url), ok, $"GET {route.Template}", what, "anonymous");
            if (route.IsPublic) continue; // public forms (sign-in) are tested by their own tests
            foreach (var handler in route.PostHandlers)
                Expect(await PostAsync(anonymous, WithHandler(url, handler), token: null), ok, $"POST {route.Template}{Handler(handler)}", what, "anonymous");
        }
    }

    private async Task CheckGetsAsync(AppRoute route, MatrixAccount account, MatrixWorld world)
    {
        var who = account.Slug;
        foreach (var org in world.Organisations)
        {
            var membership = account.Access.In(org.Id);
            var own = OwnValues(route, org.Id, world);
            var request = $"GET {Url(route, own)} ({route.Template}) for {org.Label}";
            var answer = await GetAsync(account.Client, Url(route, own));
            if (membership is null)
            {
                Expect(answer, a => a.IsNotFound, request + " (not a member)", "404", who);
                ExpectNothingOf(answer, org, account, request + " (not a member)", alsoOrganisationName: true);
                continue;
            }
            var allowed = route.RequiredPermissions.All(membership.Permissions.Contains);
            if (!allowed) Expect(answer, a => a.IsRefused, request + $" (lacks {string.Join(", ", route.RequiredPermissions)})", "403 or 404", who);
            // A page with a rule about the record itself (an account's custodians) may refuse a member: its own tests prove whom.
            else Expect(answer, a => !a.IsServerError && (route.ChecksPerRecord || !a.IsForbidden), request, "the page (holds the permission)", who);

            // Another school's record with this organisation's id in the URL.
            foreach (var (parameter, foreignOrg, value) in ForeignRecords(route, org.Id, world))
            {
                var url = Url(route, new Dictionary<string, string>(own) { [parameter] = value });
                var what = $"GET {url} ({route.Template}) for {org.Label} with {{{parameter}}} of {foreignOrg.Label}";
                var foreign = await GetAsync(account.Client, url);
                Expect(foreign, a => allowed ? a.IsNotFound : a.IsRefused, what, allowed ? "404" : "403 or 404", who);
                ExpectNothingOf(foreign, foreignOrg, account, what, alsoOrganisationName: false);
            }
        }
    }

    private async Task CheckPostsAsync(AppRoute route, MatrixAccount account, MatrixWorld world)
    {
        var token = await AntiForgeryTokenAsync(account);
        foreach (var org in world.Organisations)
        {
            var membership = account.Access.In(org.Id);
            // A member who holds the permission may really change something: that is the page's own tests' business.
            if (membership is not null && route.RequiredPermissions.All(membership.Permissions.Contains)) continue;
            var url = Url(route, OwnValues(route, org.Id, world));
            foreach (var handler in route.PostHandlers)
            {
                var what = $"POST {url}{Handler(handler)} ({route.Template}{Handler(handler)}) for {org.Label}"
                    + (membership is null ? " (not a member)" : $" (lacks {string.Join(", ", route.RequiredPermissions)})");
                var before = await LastAuditEntryAsync();
                var answer = await PostAsync(account.Client, WithHandler(url, handler), token);
                Expect(answer, a => membership is null ? a.IsNotFound : a.IsRefused, what, membership is null ? "404" : "403 or 404", account.Slug);
                if (await LastAuditEntryAsync() != before) Fail($"{what}: changed data (the audit trail grew)", account.Slug);
            }
        }
    }

    private void Fail(string what, string? who = null) => _failures.Add((what, who));

    private void Expect(Answer answer, Func<Answer, bool> ok, string request, string expected, string who)
    {
        _answers.AddOrUpdate($"{request.Split(' ')[0]} {Template(request)} → {answer.Status}", 1, (_, n) => n + 1);
        if (!ok(answer)) Fail($"{request}: answered {answer}, expected {expected}", who);
    }

    /// <summary>A refusal must not show the other organisation's pupils (or, to a non-member, even its name).</summary>
    private void ExpectNothingOf(Answer answer, MatrixOrganisation other, MatrixAccount account, string request, bool alsoOrganisationName)
    {
        if (!answer.IsRefused) return; // already a failure of its own
        var leaked = other.PupilNames.Where(n => n != account.DisplayName && answer.Body.Contains(n, StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
        if (alsoOrganisationName && answer.Body.Contains(other.Name, StringComparison.OrdinalIgnoreCase)) leaked.Insert(0, other.Name);
        if (leaked.Count > 0) Fail($"{request}: the {answer.Status} page shows {string.Join(", ", leaked.Select(n => $"\"{n}\""))} of {other.Label}", account.Slug);
    }

    /// <summary>One line per broken rule, naming every account it broke for, so a missing check reads as one line, not eighteen.</summary>
    private string Report(int accountCount)
    {
        var lines = _failures.GroupBy(f => f.What)
            .Select(g => g.Key + (g.All(f => f.Who is null) ? "" : " — as " + Accounts(g.Where(f => f.Who is not null).Select(f => f.Who!).Distinct().Order().ToList(), accountCount)))
            .Order(StringComparer.Ordinal).ToList();
        return $"{lines.Count} access rule(s) broken in {_requests} requests:\n  " + string.Join("\n  ", lines.Take(150))
            + (lines.Count > 150 ? $"\n  … and {lines.Count - 150} more" : "");
    }

    private static string Accounts(List<string> who, int accountCount) =>
        who.Count == accountCount ? "every account" : string.Join(", ", who);

    /// <summary>Route values for one organisation: its own record of each kind, or an id of nothing when it has none.</summary>
    private static Dictionary<string, string> OwnValues(AppRoute route, Guid orgId, MatrixWorld world)
    {
        var values = new Dictionary<string, string>(RecordLookups.Values, StringComparer.OrdinalIgnoreCase) { [OrgId] = orgId.ToString() };
        foreach (var p in route.Parameters.Where(world.Records.ContainsKey))
            values[p] = world.Records[p].TryGetValue(orgId, out var record) ? record.Id : Guid.NewGuid().ToString();
        return values;
    }

    private static IEnumerable<(string Parameter, MatrixOrganisation Org, string Value)> ForeignRecords(AppRoute route, Guid orgId, MatrixWorld world) =>
        from p in route.Parameters.Where(world.Records.ContainsKey)
        from r in world.Records[p]
        where r.Key != orgId
        select (p, world.Organisation(r.Key), r.Value.Id);

    private async Task<Answer> GetAsync(TestClient client, string url)
    {
        Interlocked.Increment(ref _requests);
        var answer = await Answer.SendAsync(client.Http, HttpMethod.Get, url);
        if (InlineCode.Find(answer.Body) is { } code) _inline.TryAdd(code, url);
        return answer;
    }

    private async Task<Answer> PostAsync(TestClient client, string url, string? token)
    {
        Interlocked.Increment(ref _requests);
        var fields = token is null ? [] : new[] { new KeyValuePair<string, string>("__RequestVerificationToken", token) };
        return await Answer.SendAsync(client.Http, HttpMethod.Post, url, new FormUrlEncodedContent(fields));
    }

    private static async Task<string> AntiForgeryTokenAsync(MatrixAccount account)
    {
        // Every signed-in page carries one in the header's sign-out form; it is valid for any form of this session.
        var page = await account.Client.GetPageAsync("/account");
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("/account has no anti-forgery token");
    }

    private async Task<long?> LastAuditEntryAsync()
    {
        await using var db = app.Db.System();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id);
    }

    /// <summary>The route template a request line names in brackets, or its first word after the method.</summary>
    private static string Template(string request) =>
        request.IndexOf(" (/", StringComparison.Ordinal) is var i and >= 0 ? request[(i + 2)..request.IndexOf(") for ", i, StringComparison.Ordinal)] : request.Split(' ')[1];

    private static string Url(AppRoute route, IReadOnlyDictionary<string, string> values) => RouteCatalogue.Fill(route.Template, values);
    private static string WithHandler(string url, string? handler) => handler is null ? url : $"{url}?handler={handler}";
    private static string Handler(string? handler) => handler is null ? "" : $"?handler={handler}";
}
