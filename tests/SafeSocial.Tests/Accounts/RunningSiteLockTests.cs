using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Hosting;

namespace SafeSocial.Tests.Accounts;

/// <summary>The running site marks its database, so that a master key change cannot happen under it.</summary>
public class RunningSiteLockTests(AppFixture app) : IClassFixture<AppFixture>
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
}
