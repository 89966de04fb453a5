using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Web;

/// <summary>The organisation menu, tab titles and a teacher's "My class", as each demo account meets them.</summary>
public class NavigationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every page the menu offers here: the top row, and each group's second row as it shows once the group is open.</summary>
    private static async Task<List<(string Text, string Href)>> MenuAsync(TestClient client, Guid orgId)
    {
        static IEnumerable<(string, string)> Links(IHtmlDocument page, string selector) =>
            page.QuerySelectorAll(selector).Select(a => (a.TextContent.Trim(), a.GetAttribute("href")!));
        var top = Links(await client.GetPageAsync($"/o/{orgId}"), "#navigation a").ToList();
        var all = new List<(string, string)>();
        foreach (var (text, href) in top)
        {
            var second = Links(await client.GetPageAsync(href), "#section-navigation a").ToList();
            all.AddRange(second.Count > 0 ? second : [(text, href)]);
        }
        return all.Distinct().ToList();
    }

    [Fact]
    public async Task ATeachersAndAGovernorsMenus_OfferOnlyWhatTheyMayOpen_GroupedOnOneShortRow()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        var top = (await teacher.GetPageAsync($"/o/{demo.School}")).QuerySelectorAll("#navigation a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Home", "My class", "Pupils and consent", "Staff", "Official accounts", "Policy"], top);
        Assert.Equal(["Home", "My class", "Pupils", "Consent", "Staff", "Official accounts", "Policy"], (await MenuAsync(teacher, demo.School)).Select(l => l.Text));

        var governor = await app.SignedInAsync(DemoTrust.Governor);
        Assert.Equal(["Home", "Pupils", "Consent", "Staff", "Official accounts", "Policy"], (await MenuAsync(governor, demo.School)).Select(l => l.Text));

        // A headteacher's eleven pages sit under five entries.
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        Assert.Equal(["Home", "Pupils and consent", "Staff and roles", "Official accounts", "Policy and audit trail"],
            (await head.GetPageAsync($"/o/{demo.School}")).QuerySelectorAll("#navigation a").Select(a => a.TextContent.Trim()));
        var open = await head.GetPageAsync($"/o/{demo.School}/consent/campaigns");
        Assert.Equal("true", open.QuerySelector("#navigation a[href$='/pupils']")!.GetAttribute("aria-current"));
        Assert.Equal("Consent campaigns", open.QuerySelector("#section-navigation a[aria-current=page]")!.TextContent.Trim());
        Assert.Equal(11, (await MenuAsync(head, demo.School)).Count);
    }

    [Fact]
    public async Task TheMenu_FollowsTheSchoolsPermissionSettings()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using (var db = app.Db.System())
        {
            db.RolePermissionSettings.Add(new RolePermissionSetting { Id = Guid.NewGuid(), OrganisationId = demo.School, Role = Role.Governor, Permission = Permission.ViewPeople, Granted = false });
            await db.SaveChangesAsync(Ct);
        }
        try
        {
            var governor = await app.SignedInAsync(DemoTrust.Governor);
            Assert.Equal(["Home", "Policy"], (await MenuAsync(governor, demo.School)).Select(l => l.Text));
        }
        finally
        {
            await using var db = app.Db.System();
            await db.RolePermissionSettings.Where(s => s.OrganisationId == demo.School && s.Role == Role.Governor).ExecuteDeleteAsync(Ct);
            AccessChanges.Happened();
        }
    }

    [Fact]
    public async Task NoMenuLink_OfAnyDemoAccount_LeadsToARefusal()
    {
        await using var db = app.Db.System();
        var accounts = await db.StaffMembers.Where(s => s.UserId != null && s.Email!.EndsWith("@demo.safesocial.test"))
            .Select(s => new { Email = s.Email!, UserId = s.UserId!.Value }).ToListAsync(Ct);
        Assert.True(accounts.Count >= Enum.GetValues<Role>().Length, $"only {accounts.Count} demo accounts");
        foreach (var account in accounts)
        {
            var client = await app.SignedInAsync(account.Email);
            foreach (var m in (await new AccessService(db, TimeProvider.System).ForUserAsync(account.UserId, Ct)).Memberships)
                foreach (var (text, href) in await MenuAsync(client, m.OrganisationId))
                {
                    var response = await client.GetAsync(href);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{account.Email}'s menu at {m.OrganisationName} offers \"{text}\" ({href}), which answered {(int)response.StatusCode}");
                }
        }
    }

    [Fact]
    public async Task EveryOrganisationPagesTitle_NamesTheSchoolOrTrust()
    {
        var demo = await DemoTrust.LoadAsync(app);
        string school, trust;
        await using (var db = app.Db.System())
        {
            school = await db.Organisations.Where(o => o.Id == demo.School).Select(o => o.Name).SingleAsync(Ct);
            trust = await db.Organisations.Where(o => o.Id == demo.Trust).Select(o => o.Name).SingleAsync(Ct);
        }
        var leader = await app.SignedInAsync(DemoTrust.TrustLeader);
        Assert.Equal($"Pupils – {school} – SafeSocial", (await leader.GetPageAsync($"/o/{demo.School}/pupils")).Title);
        Assert.Equal($"Central team – {trust} – SafeSocial", (await leader.GetPageAsync($"/o/{demo.Trust}/staff")).Title);
        Assert.Equal($"{school} – SafeSocial", (await leader.GetPageAsync($"/o/{demo.School}")).Title);
        Assert.Equal("Your account – SafeSocial", (await leader.GetPageAsync("/account")).Title);
    }

    [Fact]
    public async Task ATeachersClassList_IsOneClickFromHome_WithPrintThisListAtTheTop()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await DemoTrust.StaffAsync(app, DemoTrust.Teacher);
        Guid[] classes;
        await using (var db = app.Db.System())
            classes = await db.SchoolClasses.Where(c => c.OrganisationId == demo.School).OrderBy(c => c.Name).Select(c => c.Id).ToArrayAsync(Ct);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);

        var link = (await teacher.GetPageAsync($"/o/{demo.School}")).QuerySelectorAll("#navigation a").Single(a => a.TextContent.Trim() == "My class");
        var list = await teacher.GetPageAsync(link.GetAttribute("href")!);
        var main = list.QuerySelector("main")!;
        var print = main.QuerySelector("#print")!;
        Assert.Equal("Print this list", print.TextContent.Trim());
        Assert.True(print.CompareDocumentPosition(main.QuerySelector(".ss-class-consent")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following), "Print this list comes after the list");
        // Its script is a file, as a strict Content-Security-Policy needs.
        Assert.Empty(main.QuerySelectorAll("script:not([src])"));
        Assert.Contains(main.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.StartsWith("/js/print.js", StringComparison.Ordinal));
        Assert.Contains(list.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.StartsWith("/css/safesocial.css", StringComparison.Ordinal));

        // Who does not teach a class has no "My class".
        foreach (var who in new[] { DemoTrust.Headteacher, DemoTrust.Governor })
            Assert.DoesNotContain((await (await app.SignedInAsync(who)).GetPageAsync($"/o/{demo.School}")).QuerySelectorAll("#navigation a"), a => a.TextContent.Contains("My class"));

        // The school gives the teacher a second class: "My classes" lists both first.
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/staff/{staff.Id}/classes";
        var current = (await head.GetPageAsync(url)).QuerySelectorAll("input[name=ClassIds][checked]").Select(i => Guid.Parse(i.GetAttribute("value")!)).ToList();
        var second = classes.First(c => !current.Contains(c));
        var saved = await head.PostFormAsync(url, current.Append(second).Select(c => new KeyValuePair<string, string>("ClassIds", c.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var mine = (await teacher.GetPageAsync($"/o/{demo.School}")).QuerySelectorAll("#navigation a").Single(a => a.TextContent.Trim() == "My classes");
        var yours = (await teacher.GetPageAsync(mine.GetAttribute("href")!)).QuerySelectorAll("#your-classes a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(current.Append(second).Select(c => $"/o/{demo.School}/consent/classes/{c}").Order(), yours.Order());
        Assert.Contains("classes-taught", (await head.GetPageAsync($"/o/{demo.School}/staff/{staff.Id}")).Body!.InnerHtml);

        // Another school's class cannot be given; the teacher cannot change classes.
        Guid foreign;
        await using (var db = app.Db.System())
            foreign = await db.SchoolClasses.Where(c => c.OrganisationId == demo.OtherSchool).Select(c => c.Id).FirstAsync(Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await head.PostFormAsync(url, [new("ClassIds", foreign.ToString())])).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await teacher.GetAsync(url)).StatusCode);

        // Back to the one class, for the other tests here.
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(url, current.Select(c => new KeyValuePair<string, string>("ClassIds", c.ToString())))).StatusCode);
    }
}
