using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SafeSocial.Tests.Infrastructure;

/// <summary>
/// The whole application on its own database, seeded with the demo trust, for page and API tests.
/// One per test class: xUnit shares it between the class's tests.
/// </summary>
public class AppFixture(PostgresServer server) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), $"safesocial-app-{Guid.NewGuid():N}");
    public TestDb Db { get; private set; } = null!;
    /// <summary>Set before the first request to run the application on a fake clock.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    public async ValueTask InitializeAsync()
    {
        Db = new TestDb(await server.CreateDatabaseAsync(), Clock);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:SafeSocial", Db.ConnectionString);
            b.UseSetting("SafeSocial:DemoData", "true");
            b.UseSetting("SafeSocial:DataFolder", DataFolder);
            // The daily takedown check changes records and sends mail on its own schedule: tests run it themselves.
            b.UseSetting(SafeSocial.Web.Takedowns.TakedownSetup.EnabledSetting, "false");
            b.UseSetting(SafeSocial.Web.Accounts.AccountCheckSetup.EnabledSetting, "false");
            b.UseSetting(SafeSocial.Web.Hosting.VaultReencryptionService.EnabledSetting, "false");
            b.UseSetting(SafeSocial.Web.Mail.CustodyNoticeRetryService.EnabledSetting, "false");
            b.ConfigureServices(s =>
            {
                s.Replace(ServiceDescriptor.Singleton(Clock));
                ConfigureServices(s);
            });
            // Page tests sign in far faster than people do; the rate-limit tests lower this again.
            b.UseSetting(SafeSocial.Web.Hosting.CredentialRateLimit.PermitsSetting, "100000");
            b.UseSetting(SafeSocial.Web.Hosting.ParentLinkRateLimit.PermitsSetting, "100000");
            ConfigureWebHost(b);
        });
        _factory = Configure(_factory);
        _factory.StartServer(); // start now: migrations and demo data
        await Task.CompletedTask;
    }

    /// <summary>A subclass's changes to the application's services.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>For a fixture that runs the application differently (another environment, other settings).</summary>
    protected virtual void ConfigureWebHost(IWebHostBuilder builder) { }

    /// <summary>A last change to the factory before it starts (the browser tests put it on Kestrel).</summary>
    protected virtual WebApplicationFactory<Program> Configure(WebApplicationFactory<Program> factory) => factory;

    public IServiceProvider Services => _factory.Services;

    public TestClient Anonymous() => new(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A client signed in as a demo account, with its two-factor code where the account has one.</summary>
    public async Task<TestClient> SignedInAsync(string email)
    {
        var client = Anonymous();
        await client.SignInAsync(email);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
