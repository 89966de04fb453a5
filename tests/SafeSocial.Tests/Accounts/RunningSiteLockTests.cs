using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Tests.Infrastructure;

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
}
