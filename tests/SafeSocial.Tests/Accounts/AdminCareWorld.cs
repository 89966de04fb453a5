using Microsoft.AspNetCore.DataProtection;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>An approved account of the standalone school with a trained admin, and the services that look after it.</summary>
internal sealed class AdminCareWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();

    public required AccountWorld W { get; init; }
    public required Guid AccountId { get; init; }
    public required Guid HeadUserId { get; init; }
    public required StaffMember Admin { get; init; }
    public Guid School => W.Orgs.Standalone.Id;
    public FakeClock Clock => W.Clock;

    public static async Task<AdminCareWorld> CreateAsync(PostgresServer server)
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.Standalone.Id;
        var (_, head) = await w.PersonAsync(school, "Sam", Role.Headteacher);
        var (teacher, _) = await w.PersonAsync(school, "Tia", Role.Teacher);
        var id = await w.RequestAsync(school, "office@gamma.sch.uk");
        Assert.True((await w.DecideAsync(head, school, id, ApprovalDecision.Approve)).Succeeded);
        var world = new AdminCareWorld { W = w, AccountId = id, HeadUserId = head, Admin = teacher };
        await world.TrainAsync(teacher.Id, AccountWorld.Today.AddMonths(-1), AccountWorld.Today.AddYears(1));
        await w.AddAdminAsync(school, id, teacher.Id, head);
        return world;
    }

    public DateOnly Today => Core.UkTime.Today(Clock);

    /// <summary>Moves time on for the services and for the database context (which stamps the vault's ChangedAt).</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        if (W.Db.Clock is FakeClock db && !ReferenceEquals(db, Clock)) db.Advance(by);
    }

    public SafeSocialDb Ctx() => W.As(HeadUserId, "Sam Person");

    public async Task TrainAsync(Guid staffId, DateOnly completed, DateOnly? expires)
    {
        await using var ctx = W.Db.System();
        await new AccountAdmins(ctx, Clock).RecordTrainingAsync(staffId, TrainingRecord.OfficialAccountTraining, completed, expires, Ct);
    }

    public async Task<List<AdminRow>> AdminsAsync()
    {
        await using var ctx = W.Db.System();
        return await new AccountAdmins(ctx, Clock).ListAsync(School, AccountId, Ct);
    }

    public async Task<int> AdminRowsAsync()
    {
        await using var ctx = W.Db.System();
        return ctx.AccountAdmins.Count(a => a.OfficialAccountId == AccountId);
    }

    public async Task<Outcome> LeaveAsync(Guid staffId, DateOnly on)
    {
        await using var ctx = Ctx();
        return await new StaffService(ctx, Clock).RecordLeavingAsync(School, staffId, on, "Moved away", Ct);
    }

    public async Task<List<AccountReminderItem>> RemindersAsync()
    {
        await using var ctx = W.Db.System();
        return (await new AccountReminders(ctx, new PolicySettingsService(ctx), Clock).ForAsync([School], Today, Ct))
            .Where(r => r.AccountId == AccountId).ToList();
    }

    public async Task<bool> PasswordChangeDueAsync()
    {
        await using var ctx = W.Db.System();
        return (await new AccountReminders(ctx, new PolicySettingsService(ctx), Clock).PasswordChangeDueAsync([School], Ct)).Contains(AccountId);
    }

    public async Task StorePasswordAsync()
    {
        await using var ctx = Ctx();
        var outcome = await new CredentialVault(ctx, _protection).StoreAsync(School, AccountId,
            new CredentialSecret { Username = "gamma-office", Password = PasswordGenerator.Generate() }, Ct);
        Assert.True(outcome.Succeeded);
    }

    public async Task<Outcome> ChangeStatusAsync(AccountStatus? to, string? reason = null)
    {
        await using var ctx = Ctx();
        return await new AccountLifecycle(ctx, Clock).ChangeStatusAsync(School, AccountId, to, reason, Ct);
    }

    public async Task<AccountCareSweepResult> SweepAsync()
    {
        await using var ctx = W.Db.System("SafeSocial daily official account check");
        return await new AccountCareSweep(ctx, new PolicySettingsService(ctx), Clock).RunAsync(Today, Ct);
    }

    public async Task<List<Core.Audit.AuditEntry>> AuditAsync(string entityType, string action)
    {
        await using var ctx = W.Db.System();
        return ctx.AuditEntries.Where(e => e.EntityType == entityType && e.Action == action).OrderBy(e => e.Sequence).ToList();
    }
}
