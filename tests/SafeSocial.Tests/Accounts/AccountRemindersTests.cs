using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>Each reminder appears when it should and goes once it is dealt with; the email goes at most once a day.</summary>
public class AccountRemindersTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<bool> HasAsync(AdminCareWorld w, AccountReminderKind kind) => (await w.RemindersAsync()).Any(r => r.Kind == kind);

    [Fact]
    public async Task NoTrainedAdmin_AppearsWhenTrainingLapses_AndGoesWithNewTraining()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        Assert.False(await HasAsync(w, AccountReminderKind.NoTrainedAdmin));
        w.Advance(TimeSpan.FromDays(366));
        Assert.Contains(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.NoTrainedAdmin && r.Text.Contains("no admin has current official account training"));
        await w.TrainAsync(w.Admin.Id, w.Today, w.Today.AddYears(1));
        Assert.False(await HasAsync(w, AccountReminderKind.NoTrainedAdmin));
    }

    [Fact]
    public async Task ANewAccount_NeedsAnAdmin_ForThePolicysGracePeriod_ThenIsOverdue()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.Standalone.Id;
        var (_, head) = await w.PersonAsync(school, "Sam", Role.Headteacher);
        var id = await w.RequestAsync(school, "office@gamma.sch.uk");
        Assert.True((await w.DecideAsync(head, school, id, ApprovalDecision.Approve)).Succeeded);
        async Task<AccountReminderItem> NoAdminAsync()
        {
            await using var ctx = w.Db.System();
            var items = await new AccountReminders(ctx, new PolicySettingsService(ctx), w.Clock).ForAsync([school], Core.UkTime.Today(w.Clock), Ct);
            return Assert.Single(items, r => r.Kind == AccountReminderKind.NoTrainedAdmin);
        }

        // Approved a minute ago: it needs an admin, within the default 14 days; not overdue.
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = await NoAdminAsync();
        Assert.Equal((false, "Needs an admin"), (fresh.Urgent, fresh.Tag));
        Assert.Contains("needs an admin: add a trained admin by 14 October 2026", fresh.Text);
        w.Clock.Advance(TimeSpan.FromDays(13));
        Assert.False((await NoAdminAsync()).Urgent);
        w.Clock.Advance(TimeSpan.FromDays(1));
        var late = await NoAdminAsync();
        Assert.Equal((true, "Overdue"), (late.Urgent, late.Tag));
        Assert.Contains("no admin runs this account", late.Text);

        // A school whose policy allows 30 days is still within them.
        await using (var ctx = w.Db.System())
        {
            ctx.PolicySettings.Single(s => s.OrganisationId == school).AccountAdminGraceDays = 30;
            await ctx.SaveChangesAsync(Ct);
        }
        Assert.False((await NoAdminAsync()).Urgent);
    }

    [Fact]
    public async Task NoTrainedAdmin_AppearsWhenTheOnlyAdminLeaves()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        Assert.True((await w.LeaveAsync(w.Admin.Id, w.Today.AddDays(1))).Succeeded);
        Assert.False(await HasAsync(w, AccountReminderKind.NoTrainedAdmin));
        w.Advance(TimeSpan.FromDays(1));
        Assert.Contains(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.NoTrainedAdmin && r.Text.Contains("every admin has left"));
    }

    [Fact]
    public async Task TrainingExpiring_AppearsWithin30Days()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        Assert.False(await HasAsync(w, AccountReminderKind.TrainingExpiring));
        w.Advance(TimeSpan.FromDays(365 - 30));
        Assert.Contains(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.TrainingExpiring && r.Text.Contains("Tia Person"));
    }

    [Fact]
    public async Task Passwords_NoneStored_ThenTooOld_ThenChanged()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        // Approved but not yet in use: no password is expected yet.
        Assert.False(await HasAsync(w, AccountReminderKind.NoPasswordStored));
        Assert.True((await w.ChangeStatusAsync(AccountStatus.Active)).Succeeded);
        Assert.Contains(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.NoPasswordStored && r.Text.Contains("no password stored in the vault"));

        await w.StorePasswordAsync();
        Assert.False(await HasAsync(w, AccountReminderKind.NoPasswordStored));
        await using (var ctx = w.W.Db.System())
        {
            ctx.PolicySettings.Single(s => s.OrganisationId == w.School).AccountPasswordDays = 90;
            await ctx.SaveChangesAsync(Ct);
        }
        w.Advance(TimeSpan.FromDays(89));
        Assert.False(await HasAsync(w, AccountReminderKind.PasswordOld));
        w.Advance(TimeSpan.FromDays(1));
        Assert.Contains(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.PasswordOld && r.Text.Contains("every 90 days"));
        await w.StorePasswordAsync();
        Assert.False(await HasAsync(w, AccountReminderKind.PasswordOld));
    }

    [Fact]
    public async Task ReviewDue_Within30Days_UntilANewReviewIsRecorded()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        Assert.False(await HasAsync(w, AccountReminderKind.ReviewDue));
        w.Advance(TimeSpan.FromDays(365 - 30));
        Assert.Contains(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.ReviewDue && !r.Urgent);
        w.Advance(TimeSpan.FromDays(31));
        Assert.Contains(await w.RemindersAsync(), r => r.Kind == AccountReminderKind.ReviewDue && r.Urgent);
        await using (var ctx = w.Ctx())
            Assert.True((await new AccountLifecycle(ctx, w.Clock).RecordReviewAsync(w.School, w.AccountId, new RiskReview("Head", w.Today, w.Today.AddYears(1)), Ct)).Succeeded);
        Assert.False(await HasAsync(w, AccountReminderKind.ReviewDue));
    }

    [Fact]
    public async Task TheEmail_GoesToThoseWhoManageAccounts_OnceADay()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        await using (var ctx = w.W.Db.System())
        {
            // The headteacher (manages accounts) has an email; the teacher admin does not manage accounts.
            foreach (var s in ctx.StaffMembers.Where(s => s.OrganisationId == w.School)) s.Email = $"{s.FirstName.ToLowerInvariant()}@gamma.sch.uk";
            await ctx.SaveChangesAsync(Ct);
        }
        Assert.True((await w.ChangeStatusAsync(AccountStatus.Active)).Succeeded);

        var first = await w.SweepAsync();
        var email = Assert.Single(first.Reminders);
        Assert.Equal("sam@gamma.sch.uk", email.Email);
        Assert.Contains(email.Items, i => i.Kind == AccountReminderKind.NoPasswordStored);
        var mail = SafeSocial.Web.Mail.AccountReminderMail.Compose(email, "https://safesocial.test");
        Assert.Contains($"https://safesocial.test/o/{w.School}/accounts/{w.AccountId}", mail.Body);

        w.Advance(TimeSpan.FromHours(3));
        Assert.Empty((await w.SweepAsync()).Reminders);
        w.Advance(TimeSpan.FromDays(1));
        Assert.Single((await w.SweepAsync()).Reminders);
        await using var db = w.W.Db.System();
        Assert.Equal(1, await db.AccountRemindersSent.CountAsync(r => r.OfficialAccountId == w.AccountId && r.Kind == AccountReminderKind.NoPasswordStored, Ct));
    }

    /// <summary>Someone who manages accounts for a whole trust gets one email; it reads school by school, urgent first.</summary>
    [Fact]
    public void TheEmail_ListsEachSchoolUnderItsName_UrgentFirst()
    {
        static AccountReminderItem Item(string school, string text, bool urgent) =>
            new(Guid.NewGuid(), school, Guid.NewGuid(), "@a", AccountReminderKind.ReviewDue, text, urgent);
        var mail = SafeSocial.Web.Mail.AccountReminderMail.Compose(new AccountReminder("lead@trust.test", "Lee", [
            Item("Birch Primary", "@b: the risk assessment review is due on 1 December", false),
            Item("Alder Primary", "@a: no password stored in the vault", false),
            Item("Birch Primary", "@b: no admin has current official account training", true),
        ]), "https://safesocial.test");
        var body = mail.Body;
        Assert.Equal("3 things to do for official accounts", mail.Subject);
        int At(string text) => body.IndexOf(text, StringComparison.Ordinal);
        Assert.True(At("Alder Primary\n") < At("@a: no password") && At("@a: no password") < At("Birch Primary\n"));
        Assert.True(At("Birch Primary\n") < At("@b: no admin") && At("@b: no admin") < At("@b: the risk assessment"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, "Birch Primary"));
    }

    [Fact]
    public async Task ThePasswordAgeSetting_IsLayered_WithADefaultOf365Days()
    {
        var w = await AdminCareWorld.CreateAsync(server);
        await using var ctx = w.W.Db.System();
        var settings = new PolicySettingsService(ctx);
        Assert.Equal(365, (await settings.EffectiveForAsync(w.School, Ct)).AccountPasswordDays);
        await settings.SetAsync(w.W.Orgs.Trust.Id, PolicySettingDefinition.Find("account-password-days")!, 180, Ct);
        Assert.Equal(180, (await settings.EffectiveForAsync(w.W.Orgs.School.Id, Ct)).AccountPasswordDays);
    }
}
