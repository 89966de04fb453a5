using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Browser.Tests.Browser;

/// <summary>
/// The whole application, seeded with the demo trust on its own database (as AppFixture), but served by
/// Kestrel on a free 127.0.0.1 port so that a real browser can reach it.
/// </summary>
public sealed class BrowserApp(PostgresServer server) : AppFixture(server)
{
    protected override void Configure(WebApplicationFactory<Program> factory) =>
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
        .Addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
}
