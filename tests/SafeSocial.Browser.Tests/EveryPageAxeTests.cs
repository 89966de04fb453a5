using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using SafeSocial.Core.Demo;
using SafeSocial.Tests.Web.AccessMatrix;

namespace SafeSocial.Browser.Tests;

/// <summary>
/// axe on every page the application maps (read from its routes, so a page added later is scanned without
/// editing this test): public pages signed out, the school's pages as its headteacher, then the pages only a
/// trust shows as the trust's executive leadership, each filled with a real record of that school or trust.
/// </summary>
[Collection(BrowserJourneys.Name)]
public class EveryPageAxeTests(Chromium chromium, BrowserApp app)
{
    [Fact]
    public async Task EveryPage_PassesAxe_ForSomeoneWhoMaySeeIt()
    {
        var routes = (await RouteCatalogue.ReadAsync(app.Services)).Where(r => r.AnswersGet && !r.Template.StartsWith("/health", StringComparison.Ordinal)).ToList();
        var (school, trust) = await DemoOrganisationsAsync();
        var failures = new List<string>();
        var scanned = new List<string>();

        await using (var anonymous = await BrowserSession.OpenAsync(chromium, app))
            foreach (var route in routes.Where(r => r.IsPublic && !r.HasOrganisation))
                await ScanAsync(anonymous, route, Fill(route, null, []), "signed out");

        foreach (var (email, orgId) in new[] { ("headteacher@demo.safesocial.test", school), ("trust-executive-leadership@demo.safesocial.test", trust) })
        {
            await using var session = await BrowserSession.OpenAsync(chromium, app);
            await session.SignInAsync(email);
            var records = await RecordsOfAsync(orgId);
            // The trust's view of a page the school's view already passed adds little but time: only the rest.
            foreach (var route in routes.Where(r => r.HasOrganisation && !r.IsPublic && !scanned.Any(s => s.StartsWith(r.Template + " as", StringComparison.Ordinal))))
                if (Fill(route, orgId, records) is { } url) await ScanAsync(session, route, url, email);
            if (orgId == school)
                foreach (var route in routes.Where(r => !r.HasOrganisation && !r.IsPublic))
                    await ScanAsync(session, route, Fill(route, null, []), email);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"axe scanned {scanned.Count} pages:\n  " + string.Join("\n  ", scanned));
        // It must really have looked at pages, or it would pass by scanning nothing.
        Assert.Contains(scanned, s => s.StartsWith("/sign-in as", StringComparison.Ordinal));
        Assert.Contains(scanned, s => s.StartsWith("/o/{orgId:guid} as", StringComparison.Ordinal));
        if (failures.Count > 0) Assert.Fail($"{failures.Count} problem(s):\n  " + string.Join("\n  ", failures));

        async Task ScanAsync(BrowserSession session, AppRoute route, string? url, string who)
        {
            if (url is null) return;
            IResponse? response;
            // A page that reloads itself (the import's progress page) can abort the next navigation once: go again.
            try { response = await session.Page.GotoAsync(url); }
            catch (PlaywrightException e) when (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal)) { response = await session.Page.GotoAsync(url); }
            var status = response?.Status ?? 0;
            if (status >= 500) { failures.Add($"{url} ({route.Template}) as {who}: {status}"); return; }
            // Only the page itself: a redirect (sign-in, another page) or a 404 for an unrelated record is scanned elsewhere.
            if (status != 200 || new Uri(session.Page.Url).AbsolutePath != new Uri(new Uri(app.BaseUrl), url).AbsolutePath
                || response!.Headers.GetValueOrDefault("content-type")?.StartsWith("text/html", StringComparison.Ordinal) != true) return;
            scanned.Add($"{route.Template} as {who}");
            failures.AddRange((await session.AxeViolationsAsync(route.Template)).Select(v => $"{route.Template} as {who}: {v}"));
        }
    }

    /// <summary>The route's address for one organisation with its own records; null when a parameter has no known value.</summary>
    private static string? Fill(AppRoute route, Guid? orgId, Dictionary<string, string> records)
    {
        var values = new Dictionary<string, string>(RecordLookups.Values, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in records) values[k] = v;
        if (orgId is { } id) values["orgId"] = id.ToString();
        return route.Parameters.All(values.ContainsKey) ? RouteCatalogue.Fill(route.Template, values) : null;
    }

    private async Task<(Guid School, Guid Trust)> DemoOrganisationsAsync()
    {
        await using var db = app.Db.System();
        var trust = await db.Organisations.SingleAsync(o => o.Name == DemoSeeder.TrustName, TestContext.Current.CancellationToken);
        var school = await db.Organisations.SingleAsync(o => o.Name == "Alder Brook Primary School", TestContext.Current.CancellationToken);
        return (school.Id, trust.Id);
    }

    private async Task<Dictionary<string, string>> RecordsOfAsync(Guid orgId)
    {
        await using var db = app.Db.System();
        var records = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (parameter, lookup) in RecordLookups.Records)
            if ((await lookup(db).Where(r => r.OrganisationId == orgId).ToListAsync(TestContext.Current.CancellationToken))
                .OrderBy(r => r.SortKey ?? r.Id, StringComparer.Ordinal).FirstOrDefault() is { } record)
                records[parameter] = record.Id;
        foreach (var (parameter, make) in RecordLookups.Made)
            if (await make(app.Services, orgId) is { } id) records[parameter] = id;
        return records;
    }
}
