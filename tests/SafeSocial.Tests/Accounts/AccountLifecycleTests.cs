using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>After approval: active, suspended and back, closed; a reason for suspending and closing; a risk review recorded.</summary>
public class AccountLifecycleTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidChanges_AreMade_AndAudited()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        Assert.True((await w.ChangeStatusAsync(AccountStatus.Active)).Succeeded);
        Assert.True((await w.ChangeStatusAsync(AccountStatus.Suspended, "Under investigation")).Succeeded);
        Assert.True((await w.ChangeStatusAsync(AccountStatus.Active)).Succeeded);
        Assert.True((await w.ChangeStatusAsync(AccountStatus.Closed, "No longer needed")).Succeeded);
        var account = await w.W.AccountAsync(w.AccountId);
        Assert.Equal(AccountStatus.Closed, account.Status);
        Assert.Equal("No longer needed", account.ClosedReason);
        var changes = await w.AuditAsync(nameof(OfficialAccount), "Modified");
        Assert.Contains(changes, e => e.Reason == "Under investigation");
        Assert.Contains(changes, e => e.Reason == "No longer needed");
    }

    [Fact]
    public async Task SuspendingOrClosing_WithoutAReason_IsRefused()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        Assert.True((await w.ChangeStatusAsync(AccountStatus.Active)).Succeeded);
        Assert.Equal("Enter why the account is being suspended", Assert.Single((await w.ChangeStatusAsync(AccountStatus.Suspended, " ")).Problems).Message);
        Assert.Equal("Enter why the account is being closed", Assert.Single((await w.ChangeStatusAsync(AccountStatus.Closed)).Problems).Message);
        Assert.Equal(AccountStatus.Active, (await w.W.AccountAsync(w.AccountId)).Status);
    }

    [Fact]
    public async Task InvalidChanges_AreRefused_WithAClearMessage()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        // Approved cannot be suspended before it is in use.
        Assert.Contains("cannot be made suspended", Assert.Single((await w.ChangeStatusAsync(AccountStatus.Suspended, "Why")).Problems).Message);
        Assert.True((await w.ChangeStatusAsync(AccountStatus.Closed, "Not wanted")).Succeeded);
        Assert.Contains("cannot be opened again", Assert.Single((await w.ChangeStatusAsync(AccountStatus.Active)).Problems).Message);
        Assert.Contains("Select", Assert.Single((await w.ChangeStatusAsync(null)).Problems).Message);

        var requested = await w.W.RequestAsync(w.School, "news@gamma.sch.uk");
        await using var ctx = w.Ctx();
        var outcome = await new AccountLifecycle(ctx, w.Clock).ChangeStatusAsync(w.School, requested, AccountStatus.Active, null, Ct);
        Assert.Contains("still waiting for approval", Assert.Single(outcome.Problems).Message);
    }

    [Fact]
    public async Task ARiskReview_IsChecked_ThenRecorded()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        async Task<Core.People.Outcome> ReviewAsync(RiskReview r)
        {
            await using var ctx = w.Ctx();
            return await new AccountLifecycle(ctx, w.Clock).RecordReviewAsync(w.School, w.AccountId, r, Ct);
        }
        var bad = await ReviewAsync(new RiskReview("", w.Today.AddDays(1), w.Today));
        Assert.Equal(["AssessedBy", "AssessedOn", "NextReviewOn"], bad.Problems.Select(p => p.Field));

        Assert.True((await ReviewAsync(new RiskReview("The headteacher", w.Today, w.Today.AddYears(1)))).Succeeded);
        var account = await w.W.AccountAsync(w.AccountId);
        Assert.Equal(w.Today.AddYears(1), account.NextReviewOn);
        Assert.Equal("The headteacher", account.AssessedBy);
        Assert.Contains(await w.AuditAsync(nameof(OfficialAccount), "Modified"), e => e.Reason == "Risk assessment reviewed");
        await using var db = w.W.Db.System();
        Assert.Equal(w.Today, (await db.OfficialAccounts.SingleAsync(a => a.Id == w.AccountId, Ct)).AssessedOn);
    }
}
