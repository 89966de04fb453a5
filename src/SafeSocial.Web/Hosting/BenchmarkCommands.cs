using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Data;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;

namespace SafeSocial.Web.Hosting;

/// <summary>Commands bench/run uses to set up what it measures.</summary>
public static class BenchmarkCommands
{
    /// <summary>`seed-large-trust`: the benchmark's 30-school trust and a teacher to sign in as; prints how long it took.</summary>
    public static async Task<int> SeedLargeTrustAsync(IServiceProvider sp, string[] args)
    {
        var options = sp.GetRequiredService<DbContextOptions<SafeSocialDb>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        SafeSocialDb OpenDb()
        {
            var db = new SafeSocialDb(options, new OrganisationScope(), new AuditContext { ActorName = "Benchmark seed" }, clock);
            db.Scope.OpenForSystemWork();
            return db;
        }
        try
        {
            Console.WriteLine(await LargeTrustSeeder.SeedAsync(OpenDb, sp.GetRequiredService<UserManager<AppUser>>(), clock));
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
