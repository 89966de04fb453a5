using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(SafeSocial.Browser.Tests.Browser.Chromium))]

namespace SafeSocial.Browser.Tests.Browser;

/// <summary>
/// Debian's Chromium, driven by Playwright, once for the whole run. Nothing is downloaded: Playwright's own
/// browsers are never installed; the executable path points at the system package.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {ExecutablePath}: run ./scripts/test (it installs it) or `sudo apt-get install chromium`.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
