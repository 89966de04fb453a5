using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Browser.Tests.Browser;

/// <summary>
/// The whole application, seeded with the demo trust on its own database (as AppFixture), but served by
/// Kestrel on a free 127.0.0.1 port so that a real browser can reach it. One for all the journeys: starting
/// it is the slow part, and the journeys do not get in each other's way.
/// </summary>
public sealed class BrowserApp(PostgresServer server) : AppFixture(server)
{
    protected override WebApplicationFactory<Program> Configure(WebApplicationFactory<Program> factory)
    {
        // Chromium keeps idle connections open; without a short timeout Kestrel waits for them when the run ends.
        var kestrel = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2))));
        kestrel.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        return kestrel;
    }

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
        .Addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
}

[CollectionDefinition(Name)]
public sealed class BrowserJourneys : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser journeys";
}
