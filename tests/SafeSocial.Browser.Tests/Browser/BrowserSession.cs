using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;

namespace SafeSocial.Browser.Tests.Browser;

/// <summary>One person's browser tab (its own cookies) on the app, noting any server error or blocked script or style it meets on the way.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _serverErrors = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Response += (_, r) => { if (r.Status >= 500) _serverErrors.Add($"{r.Status} {r.Request.Method} {r.Url}"); };
        // Script or style the Content-Security-Policy blocked: the page is not working as written.
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) _serverErrors.Add($"blocked on {page.Url}: {m.Text}"); };
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> OpenAsync(Chromium chromium, BrowserApp app)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>Signs in through the sign-in pages, entering the authenticator code when the account has two-factor.</summary>
    public async Task SignInAsync(string email)
    {
        await Page.GotoAsync("/sign-in");
        await Page.GetByLabel("Email address").FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoSeeder.Password);
        await SubmitAsync("Sign in");
        if (new Uri(Page.Url).AbsolutePath == "/sign-in/code") await EnterCodeAsync();
    }

    public async Task EnterCodeAsync()
    {
        await Page.GetByLabel("Enter the code from your authenticator app").FillAsync(Totp.Code(DemoSeeder.AuthenticatorKey, TimeProvider.System.GetUtcNow()));
        await SubmitAsync("Continue");
    }

    /// <summary>Opens a page from the menu as a person does: its group on the top row, then the page in the group's second row.</summary>
    public async Task OpenFromMenuAsync(string group, string page)
    {
        var menu = Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        await menu.GetByRole(AriaRole.Link, new() { Name = group, Exact = true }).ClickAsync();
        // The second row belongs to the group's page: waiting for it to show is waiting for that page.
        await menu.Locator("#section-navigation").GetByRole(AriaRole.Link, new() { Name = page, Exact = true }).ClickAsync();
    }

    /// <summary>
    /// Presses the form's button and waits for the address to leave the form; a refused form stays on its page and
    /// fails here, naming it. Any wait for a load state can hang: "load" straight after the click raced the navigation,
    /// and WaitForURL, finding the address already changed, once waited 30 s for a DOMContentLoaded that had passed.
    /// So this polls the address alone; the next step waits for what it needs on the new page.
    /// </summary>
    private async Task SubmitAsync(string button)
    {
        var form = new Uri(Page.Url).AbsolutePath;
        await Page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (new Uri(Page.Url).AbsolutePath == form)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"still on {Page.Url} after pressing {button}; server errors: {string.Join("; ", _serverErrors)}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// axe-core on the page as it is now: no violations at all, else the rule ids and the elements.
    /// With SAFESOCIAL_SCREENSHOTS=folder each scanned page is also saved as a picture, to look at.
    /// </summary>
    public async Task ExpectAccessibleAsync(string where)
    {
        Assert.True(_serverErrors.Count == 0, $"server errors or blocked code before {where}: {string.Join("; ", _serverErrors)}");
        var violations = await AxeViolationsAsync(where);
        if (violations.Count > 0)
            Assert.Fail($"axe found {violations.Count} violation(s) on {where} ({Page.Url}):\n  " + string.Join("\n  ", violations));
    }

    /// <summary>Each axe violation on the page as it is now, as "rule (impact) at element: what to fix".</summary>
    public async Task<IReadOnlyList<string>> AxeViolationsAsync(string where)
    {
        if (Environment.GetEnvironmentVariable("SAFESOCIAL_SCREENSHOTS") is { Length: > 0 } folder)
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, string.Concat(where.Select(c => char.IsLetterOrDigit(c) ? c : '-')) + ".png"), FullPage = true });
        var result = await Page.RunAxe();
        return result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{v.Id} ({v.Impact}) at {n.Target} {n.Html}: {v.Help}. {string.Join(" ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")).ToList();
    }

    public IReadOnlyList<string> ServerErrors => _serverErrors;

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
