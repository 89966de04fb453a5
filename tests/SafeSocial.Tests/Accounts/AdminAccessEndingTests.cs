using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>When an admin leaves or loses the role, their access ends and a password change is prompted.</summary>
public class AdminAccessEndingTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdminWhoLeavesToday_LosesAccess_AndThePasswordMustChange_UntilTheVaultSaysItChanged()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        await w.StorePasswordAsync();
        w.Advance(TimeSpan.FromHours(1));

        Assert.True((await w.LeaveAsync(w.Admin.Id, w.Today)).Succeeded);

        Assert.Equal(0, await w.AdminRowsAsync());
        var removed = Assert.Single(await w.AuditAsync(nameof(AccountAdmin), "Deleted"));
        Assert.Contains($"Left on {Core.UkTime.Format(w.Today)}", removed.Reason);
        Assert.Equal("Sam Person", removed.ActorName);
        await using (var ctx = w.W.Db.System())
        {
            var account = await ctx.OfficialAccounts.SingleAsync(a => a.Id == w.AccountId, Ct);
            Assert.Equal(w.Clock.Now, account.PasswordChangeDueSince);
            Assert.Contains("Tia Person", account.PasswordChangeDueReason);
        }
        Assert.True(await w.PasswordChangeDueAsync());
        Assert.Contains(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.PasswordChangeNeeded);

        w.Advance(TimeSpan.FromMinutes(5));
        await w.StorePasswordAsync();
        Assert.False(await w.PasswordChangeDueAsync());
        Assert.DoesNotContain(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.PasswordChangeNeeded);
    }

    [Fact]
    public async Task AStoredPasswordFromBeforeTheRemoval_DoesNotAnswerThePrompt()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        await w.StorePasswordAsync();
        w.Advance(TimeSpan.FromDays(1));
        Assert.True((await w.LeaveAsync(w.Admin.Id, w.Today.AddDays(-1))).Succeeded);
        Assert.True(await w.PasswordChangeDueAsync());
    }

    [Fact]
    public async Task AFutureLeavingDate_TakesEffectOnTheDay_ThroughTheDailyCheck()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        Assert.True((await w.LeaveAsync(w.Admin.Id, w.Today.AddDays(3))).Succeeded);
        Assert.Equal(1, await w.AdminRowsAsync());
        Assert.Single(await w.AdminsAsync());
        Assert.Equal(0, (await w.SweepAsync()).AccessEnded);
        Assert.False(await w.PasswordChangeDueAsync());

        w.Advance(TimeSpan.FromDays(3));
        // On the day, before the check has run, the leaver already counts for nothing.
        Assert.Empty(await w.AdminsAsync());
        await using (var ctx = w.W.Db.System())
            Assert.False(await new AccountAdmins(ctx, w.Clock).IsAdminAsync(w.School, w.AccountId, w.Admin.UserId, Ct));

        Assert.Equal(1, (await w.SweepAsync()).AccessEnded);
        Assert.Equal(0, await w.AdminRowsAsync());
        Assert.Contains("Left on", Assert.Single(await w.AuditAsync(nameof(AccountAdmin), "Deleted")).Reason);
        Assert.True(await w.PasswordChangeDueAsync());
        Assert.Equal(0, (await w.SweepAsync()).AccessEnded);
    }

    [Fact]
    public async Task LosingEveryRole_EndsAccess_ButLosingOneOfTwoDoesNot()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        await using (var ctx = w.W.Db.System())
        {
            ctx.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = w.School, StaffMemberId = w.Admin.Id, Role = Role.ESafetyCoordinator });
            await ctx.SaveChangesAsync(Ct);
        }
        async Task<Outcome> RemoveAsync(Role role)
        {
            await using var ctx = w.Ctx();
            var id = ctx.RoleAssignments.Single(r => r.StaffMemberId == w.Admin.Id && r.Role == role).Id;
            return await new RoleAssignmentService(ctx, w.Clock).RemoveAsync(w.School, id, "Changed jobs", Ct);
        }

        Assert.True((await RemoveAsync(Role.ESafetyCoordinator)).Succeeded);
        Assert.Equal(1, await w.AdminRowsAsync());
        Assert.False(await w.PasswordChangeDueAsync());

        Assert.True((await RemoveAsync(Role.Teacher)).Succeeded);
        Assert.Equal(0, await w.AdminRowsAsync());
        Assert.Contains("No longer holds a role", Assert.Single(await w.AuditAsync(nameof(AccountAdmin), "Deleted")).Reason);
        Assert.True(await w.PasswordChangeDueAsync());
    }

    [Fact]
    public async Task RemovingAnAdminByHand_NeedsAReason_AndIsAudited()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        async Task<Outcome> RemoveAsync(string? reason)
        {
            await using var ctx = w.Ctx();
            return await new AdminAccessEnding(ctx, w.Clock).RemoveAsync(w.School, w.AccountId, w.Admin.Id, reason, Ct);
        }

        var refused = await RemoveAsync("  ");
        Assert.Equal("Reason", Assert.Single(refused.Problems).Field);
        Assert.Equal(1, await w.AdminRowsAsync());

        Assert.True((await RemoveAsync("No longer runs the account")).Succeeded);
        Assert.Equal(0, await w.AdminRowsAsync());
        Assert.Contains("No longer runs the account", Assert.Single(await w.AuditAsync(nameof(AccountAdmin), "Deleted")).Reason);
        Assert.True(await w.PasswordChangeDueAsync());
        Assert.False((await RemoveAsync("Again")).Found);
    }

    [Fact]
    public async Task AnotherSchoolsAccount_CannotHaveItsAdminRemoved()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        await using var ctx = w.Ctx();
        var outcome = await new AdminAccessEnding(ctx, w.Clock).RemoveAsync(w.W.Orgs.School.Id, w.AccountId, w.Admin.Id, "Wrong school", Ct);
        Assert.False(outcome.Found);
    }
}
