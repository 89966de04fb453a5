using SafeSocial.Core.Data;

namespace SafeSocial.Web.Hosting;

/// <summary>Finds the database: the configured server, or else a private cluster in the data folder.</summary>
public static class DatabaseSetup
{
    public static async Task<string> PrepareAsync(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("SafeSocial");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var cluster = new LocalPostgresCluster(Path.Combine(DataFolder(builder.Configuration), "postgres"));
        await cluster.StartAsync("safesocial");
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHostedService<LocalClusterLifetime>();
        return cluster.ConnectionString("safesocial");
    }

    public static string DataFolder(IConfiguration configuration) =>
        Path.GetFullPath(configuration["SafeSocial:DataFolder"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".data"));
}

/// <summary>Stops the private cluster when the application stops, so nothing is left running.</summary>
internal sealed class LocalClusterLifetime(LocalPostgresCluster cluster, ILogger<LocalClusterLifetime> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogInformation("Using SafeSocial's private PostgreSQL cluster on 127.0.0.1:{Port}", cluster.Port);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        log.LogInformation("Stopping the private PostgreSQL cluster");
        cluster.Stop();
        return Task.CompletedTask;
    }
}
