using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>A person becomes an admin of an approved account only with a current record of the official-account training.</summary>
public class AccountAdminTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(AccountWorld W, Guid AccountId, StaffMember Teacher, Guid Head)> ApprovedAccountAsync(PostgresServer server)
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.Standalone.Id;
        var (_, head) = await w.PersonAsync(school, "Sam", Role.Headteacher);
        var (teacher, _) = await w.PersonAsync(school, "Tia", Role.Teacher);
        var id = await w.RequestAsync(school, "office@gamma.sch.uk");
        Assert.True((await w.DecideAsync(head, school, id, ApprovalDecision.Approve)).Succeeded);
        return (w, id, teacher, head);
    }

    /// <summary>Asks for the admin (as the system) and, when that is accepted, has the headteacher approve.</summary>
    private static async Task<Core.People.Outcome> AddAsync(AccountWorld w, Guid accountId, Guid staffId, Guid? head = null)
    {
        var (id, asked) = await w.AskAdminAsync(null, w.Orgs.Standalone.Id, accountId, staffId);
        if (!asked.Outcome.Succeeded || head is null) return asked.Outcome;
        return (await w.DecideAdminAsync(head, w.Orgs.Standalone.Id, accountId, id!.Value, ApprovalDecision.Approve)).Outcome;
    }

    private static async Task TrainAsync(AccountWorld w, Guid staffId, DateOnly completed, DateOnly? expires, string type = TrainingRecord.OfficialAccountTraining)
    {
        await using var ctx = w.Db.System();
        await new AccountAdmins(ctx, w.Clock).RecordTrainingAsync(staffId, type, completed, expires, Ct);
    }

    private static async Task<List<AdminRow>> AdminsAsync(AccountWorld w, Guid accountId)
    {
        await using var ctx = w.Db.System();
        return await new AccountAdmins(ctx, w.Clock).ListAsync(w.Orgs.Standalone.Id, accountId, Ct);
    }

    [Fact]
    public async Task WithoutTraining_TheAdminIsRefused()
    {
        var (w, id, teacher, _) = await ApprovedAccountAsync(server);
        await TrainAsync(w, teacher.Id, AccountWorld.Today.AddDays(-10), null, "Safeguarding");
        var outcome = await AddAsync(w, id, teacher.Id);
        Assert.Contains("no current official account training", Assert.Single(outcome.Problems).Message);
        Assert.Empty(await AdminsAsync(w, id));
    }

    [Fact]
    public async Task WithCurrentTraining_TheAdminIsAdded_Once()
    {
        var (w, id, teacher, head) = await ApprovedAccountAsync(server);
        await TrainAsync(w, teacher.Id, AccountWorld.Today.AddMonths(-6), AccountWorld.Today.AddMonths(6));
        Assert.True((await AddAsync(w, id, teacher.Id, head)).Succeeded);
        Assert.Equal("Tia Person", Assert.Single(await AdminsAsync(w, id)).Name);
        Assert.Contains("already an admin", Assert.Single((await AddAsync(w, id, teacher.Id)).Problems).Message);
    }

    [Fact]
    public async Task WithExpiredTraining_TheAdminIsRefused()
    {
        var (w, id, teacher, _) = await ApprovedAccountAsync(server);
        await TrainAsync(w, teacher.Id, AccountWorld.Today.AddYears(-2), AccountWorld.Today.AddDays(-1));
        Assert.False((await AddAsync(w, id, teacher.Id)).Succeeded);
        Assert.Empty(await AdminsAsync(w, id));
    }

    [Fact]
    public async Task BeforeApproval_NoAdminCanBeAdded()
    {
        var w = await AccountWorld.CreateAsync(server);
        var (teacher, _) = await w.PersonAsync(w.Orgs.Standalone.Id, "Tia", Role.Teacher);
        await TrainAsync(w, teacher.Id, AccountWorld.Today.AddDays(-1), null);
        var id = await w.RequestAsync(w.Orgs.Standalone.Id, "office@gamma.sch.uk");
        Assert.Contains("every approval", Assert.Single((await AddAsync(w, id, teacher.Id)).Problems).Message);
    }
}
