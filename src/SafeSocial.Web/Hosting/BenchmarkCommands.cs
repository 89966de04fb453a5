using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Consent;
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
            return CommandExit.Done;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return CommandExit.NotDone;
        }
    }

    /// <summary>
    /// `bench-consent [checks]`: gives the large trust (seed it first) a realistic spread of consent, then times
    /// checks of random 30-pupil groups and prints p50/p95/p99/max, with a RESULT line for bench/run.
    /// </summary>
    public static async Task<int> ConsentCheckAsync(IServiceProvider sp, string[] args)
    {
        var options = sp.GetRequiredService<DbContextOptions<SafeSocialDb>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        SafeSocialDb OpenDb(Guid[]? limitTo)
        {
            var db = new SafeSocialDb(options, new OrganisationScope(), new AuditContext { ActorName = "Benchmark seed" }, clock);
            if (limitTo is null) db.Scope.OpenForSystemWork(); else db.Scope.LimitTo(limitTo);
            return db;
        }
        var checks = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 3_000;
        try
        {
            Console.WriteLine(await ConsentCheckBenchmark.RunAsync(OpenDb, clock, checks, log: Console.WriteLine));
            return CommandExit.Done;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return CommandExit.NotDone;
        }
    }
}
