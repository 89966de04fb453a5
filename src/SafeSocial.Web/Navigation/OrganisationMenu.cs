using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Takedowns;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Takedowns;
using P = SafeSocial.Web.Pages;

namespace SafeSocial.Web.Navigation;

public sealed record MenuLink(string Text, string Href, bool Current);

/// <summary>One entry of the menu's top row: a single page, or a group whose pages show in a second row while one of them is open.</summary>
public sealed record MenuGroup(string Text, IReadOnlyList<MenuLink> Links)
{
    public string Href => Links[0].Href;
    public bool Active => Links.Any(l => l.Current);
    /// <summary>A group of one page shows as that page.</summary>
    public string Label => Links.Count == 1 ? Links[0].Text : Text;
}

/// <summary>
/// An organisation's menu for the signed-in person: only the pages they may open, decided by the very authorization
/// policies that guard each page (its [RequirePermission] or [RequireMembership]), grouped so the top row stays short.
/// </summary>
public sealed class OrganisationMenu(CurrentPerson person, IAuthorizationService authorization,
    TakedownService takedowns, ClassTeaching teaching)
{
    private sealed record Entry(string Text, string Path, Type Page, bool SchoolsOnly = false);

    private static readonly (string Group, Entry[] Entries)[] Groups =
    [
        ("Home", [new("Home", "", typeof(P.Organisation.IndexModel))]),
        ("Pupils and consent", [
            new("Pupils", "/pupils", typeof(P.Pupils.IndexModel), SchoolsOnly: true),
            new("Consent", "/consent", typeof(P.Consent.IndexModel)),
            new("Consent campaigns", "/consent/campaigns", typeof(P.Consent.Campaigns.IndexModel), SchoolsOnly: true),
            new("Takedowns", "/takedowns", typeof(P.Takedowns.IndexModel)),
        ]),
        ("Staff and roles", [
            new("Staff", "/staff", typeof(P.Staff.IndexModel)),
            new("Roles", "/roles", typeof(P.Roles.IndexModel)),
            new("Import roster", "/import", typeof(P.Import.IndexModel), SchoolsOnly: true),
        ]),
        ("Official accounts", [new("Official accounts", "/accounts", typeof(P.Accounts.IndexModel))]),
        ("Policy and audit trail", [
            new("Policy", "/policy", typeof(P.Policy.IndexModel)),
            new("Audit trail", "/audit", typeof(P.Audit.IndexModel)),
        ]),
    ];

    private static readonly ConcurrentDictionary<Type, string[]> PoliciesOf = new();

    /// <summary>The menu's groups for this membership, with "My class" after Home for someone who teaches classes here.</summary>
    public async Task<IReadOnlyList<MenuGroup>> ForAsync(Membership m, string path)
    {
        var root = $"/o/{m.OrganisationId}";
        var groups = new List<MenuGroup>();
        foreach (var (group, entries) in Groups)
        {
            var links = new List<MenuLink>();
            foreach (var e in entries.Where(e => !e.SchoolsOnly || m.Kind == OrganisationKind.School))
                if (await MayOpenAsync(e.Page)) links.Add(new MenuLink(await TextAsync(e, m), root + e.Path, false));
            if (links.Count > 0) groups.Add(new MenuGroup(group, links));
        }
        if (await MyClassesAsync(m) is { } mine) groups.Insert(1, mine);
        return MarkCurrent(groups, root, path);
    }

    /// <summary>Whether every authorization policy on the page lets the person in here: the menu never offers a page that answers 403.</summary>
    private async Task<bool> MayOpenAsync(Type page)
    {
        foreach (var policy in PoliciesOf.GetOrAdd(page, t => t.GetCustomAttributes<AuthorizeAttribute>(true).Select(a => a.Policy).OfType<string>().ToArray()))
            if (!(await authorization.AuthorizeAsync(person.User, policy)).Succeeded) return false;
        return true;
    }

    /// <summary>Takedowns carry their count for those who manage them: the overdue ones are what they must not miss.</summary>
    private async Task<string> TextAsync(Entry e, Membership m)
    {
        if (e.Page != typeof(P.Takedowns.IndexModel)) return e.Text;
        var schools = TakedownScope.SchoolIds(await person.AccessAsync(), m);
        if (schools.Count == 0) return e.Text;
        return await takedowns.CountsAsync(schools) switch
        {
            { Overdue: > 0 } c => $"Takedowns ({c.Overdue} overdue)",
            { Open: > 0 } c => $"Takedowns ({c.Open} open)",
            _ => e.Text,
        };
    }

    /// <summary>A teacher's class list, one click from anywhere: their one class, or the class lists when they teach several.</summary>
    private async Task<MenuGroup?> MyClassesAsync(Membership m)
    {
        if (m.Kind != OrganisationKind.School || person.UserId is not { } userId || !await MayOpenAsync(typeof(P.Consent.ClassModel))) return null;
        var classes = await teaching.TaughtByUserAsync(m.OrganisationId, userId);
        var root = $"/o/{m.OrganisationId}/consent/classes";
        return classes.Count switch
        {
            0 => null,
            1 => new MenuGroup("My class", [new MenuLink("My class", $"{root}/{classes[0].Id}", false)]),
            _ => new MenuGroup("My classes", [new MenuLink("My classes", root, false)]),
        };
    }

    /// <summary>The open page's link, by the longest matching address, so "Consent campaigns" wins over "Consent".</summary>
    private static List<MenuGroup> MarkCurrent(List<MenuGroup> groups, string root, string path)
    {
        path = path.TrimEnd('/');
        bool Matches(string href) => href == root ? path.Equals(root, StringComparison.OrdinalIgnoreCase)
            : path.Equals(href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase);
        var current = groups.SelectMany(g => g.Links).Where(l => Matches(l.Href)).MaxBy(l => l.Href.Length);
        return groups.Select(g => g with { Links = g.Links.Select(l => l with { Current = l == current }).ToList() }).ToList();
    }
}
