using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Hosting;

namespace SafeSocial.Tests.Accounts;

/// <summary>The running site marks its database, so that a master key change cannot happen under it.</summary>
public class RunningSiteLockTests(AppFixture app, PostgresServer server) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task WhileTheSiteRunsTheLockAMasterKeyChangeNeedsCannotBeTaken()
    {
        await using var db = app.Db.System();
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        Assert.False(await RunningSiteLock.TryTakeAloneAsync(db, TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// WebApplicationFactory stops its host twice at once and disposes it while stopping; CI failed on the second stop
    /// finding the marker already disposed.
    /// </summary>
    [Fact]
    public async Task TheMarkStopsOnceHoweverOftenTheHostStopsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = new RunningSiteMarker(app.Db.ConnectionString, TimeProvider.System, NullLogger<RunningSiteMarker>.Instance);
        await marker.StartAsync(ct);
        await Task.WhenAll(marker.StopAsync(ct), marker.DisposeAsync().AsTask());
        await marker.StopAsync(ct);

        await using var db = app.Db.System();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Assert.False(await RunningSiteLock.TryTakeAloneAsync(db, ct)); // the app's own mark is still held
    }

    /// <summary>
    /// Once a site has stopped, change-master-key goes ahead at once. A closed connection's server process lets go of its
    /// locks only as it exits, a moment later, so the lock must be released before the connection closes.
    /// </summary>
    [Fact]
    public async Task AReleasedMarkIsGoneAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var alone = await TestDb.CreateAsync(server); // no running app marks this database
        for (var i = 0; i < 50; i++)
        {
            await (await RunningSiteLock.HoldAsync(alone.ConnectionString, ct)).DisposeAsync();
            await using var db = alone.System();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Assert.True(await RunningSiteLock.TryTakeAloneAsync(db, ct), $"still held after release {i + 1}");
        }
    }
}
