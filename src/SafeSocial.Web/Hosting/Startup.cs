using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;
using SafeSocial.Core.Demo;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Security;

namespace SafeSocial.Web.Hosting;

public static class Startup
{
    /// <summary>Applies pending migrations and, on a first run with demo data on, seeds the demo trust; the exit code when the site cannot start.</summary>
    public static async Task<int?> PrepareDatabaseAsync(WebApplication app, string connectionString)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SafeSocial.Startup");
        if (app.Services.GetService<MasterKeyNotice>() is { } notice) log.LogWarning("{MasterKey}", notice.Message);
        try
        {
            var applied = await DatabaseMigrator.MigrateAsync(connectionString);
            if (applied.Count > 0) log.LogInformation("Applied database migrations {Migrations}", string.Join(", ", applied));
        }
        catch (MigrationFailedException e)
        {
            log.LogCritical("{Message}", e.Message);
            return CommandExit.DatabaseUnavailable;
        }
        var keyRing = new DatabaseKeyRing(connectionString, app.Services.GetRequiredService<TimeProvider>());
        if (keyRing.ProblemWithMasterKey(app.Services.GetRequiredService<VaultMasterKey>()) is { } keyProblem)
        {
            log.LogCritical("SafeSocial cannot start: {Problem}", keyProblem);
            return CommandExit.Configuration;
        }

        if (app.Configuration.GetValue("SafeSocial:DemoData", app.Environment.IsDevelopment()))
        {
            using var scope = app.Services.CreateScope();
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            if (await seeder.SeedIfEmptyAsync())
                log.LogInformation("Seeded the demo trust");
            if (app.Environment.IsDevelopment())
                app.Lifetime.ApplicationStarted.Register(() => DemoWelcome.Print(app, seeder));
        }
        return null;
    }

    public static void UseSafeSocial(this WebApplication app)
    {
        app.UseWebSecurity();
        // Development and tests see the exception itself; everyone else a plain apology.
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing")) app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<RequestScopeMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<ControlCharacterGuard>();
        app.MapRazorPages();
        app.MapGet("/health", async (SafeSocialDb db) =>
            await db.Database.CanConnectAsync()
                ? Results.Json(new { status = "healthy" })
                : Results.Json(new { status = "unhealthy", reason = "database unreachable" }, statusCode: 503)).AllowAnonymous();
    }
}
