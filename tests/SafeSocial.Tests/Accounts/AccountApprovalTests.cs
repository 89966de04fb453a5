using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>Requests go through the approvals the policy names, by role; a refusal carries its reason and closes the request.</summary>
public class AccountApprovalTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATrustSchool_NeedsItsHeadteacher_ThenTheHeadOfCommunications_InThatOrder()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.School.Id;
        var (_, head) = await w.PersonAsync(school, "Hana", Role.Headteacher);
        var (_, comms) = await w.PersonAsync(w.Orgs.Trust.Id, "Cleo", Role.HeadOfCommunications);
        var id = await w.RequestAsync(school, "comms@herontrust.org.uk");

        // The head of communications cannot go first: the headteacher's step is waiting.
        var early = await w.DecideAsync(comms, school, id, ApprovalDecision.Approve);
        Assert.Contains("headteacher", Assert.Single(early.Problems).Message);

        Assert.True((await w.DecideAsync(head, school, id, ApprovalDecision.Approve)).Succeeded);
        Assert.Equal(AccountStatus.Requested, (await w.AccountAsync(id)).Status);

        Assert.True((await w.DecideAsync(comms, school, id, ApprovalDecision.Approve)).Succeeded);
        var account = await w.AccountAsync(id);
        Assert.Equal(AccountStatus.Approved, account.Status);
        Assert.Equal([ApprovalStep.Headteacher, ApprovalStep.HeadOfCommunications], account.Approvals.OrderBy(a => a.DecidedAt).ThenBy(a => a.Step).Select(a => a.Step));
        Assert.Equal(["Hana Person", "Cleo Person"], account.Approvals.OrderBy(a => a.Step).Select(a => a.DecidedBy));
    }

    [Fact]
    public async Task SomeoneWithoutTheStepsRole_IsRefused_EvenAHeadteacherOfAnotherSchool()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.School.Id;
        var (_, teacher) = await w.PersonAsync(school, "Tom", Role.Teacher);
        var (_, otherHead) = await w.PersonAsync(w.Orgs.SecondSchool.Id, "Olga", Role.Headteacher);
        var id = await w.RequestAsync(school, "comms@herontrust.org.uk");

        Assert.False((await w.DecideAsync(teacher, school, id, ApprovalDecision.Approve)).Succeeded);
        Assert.False((await w.DecideAsync(otherHead, school, id, ApprovalDecision.Approve)).Succeeded);
        Assert.False((await w.DecideAsync(null, school, id, ApprovalDecision.Approve)).Succeeded);
        var account = await w.AccountAsync(id);
        Assert.Empty(account.Approvals);
        Assert.Equal(AccountStatus.Requested, account.Status);
    }

    [Fact]
    public async Task AStandaloneSchool_NeedsItsHeadteacherAlone()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.Standalone.Id;
        var (_, head) = await w.PersonAsync(school, "Sam", Role.Headteacher);
        var id = await w.RequestAsync(school, "office@gamma.sch.uk");
        Assert.True((await w.DecideAsync(head, school, id, ApprovalDecision.Approve)).Succeeded);
        Assert.Equal(AccountStatus.Approved, (await w.AccountAsync(id)).Status);
    }

    [Fact]
    public async Task ARefusal_NeedsAReason_ThenClosesTheRequestWithIt_AuditedWithTheReason()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.School.Id;
        var (_, head) = await w.PersonAsync(school, "Hana", Role.Headteacher);
        var id = await w.RequestAsync(school, "comms@herontrust.org.uk");

        var noReason = await w.DecideAsync(head, school, id, ApprovalDecision.Refuse, "  ");
        Assert.Equal("Reason", Assert.Single(noReason.Problems).Field);
        Assert.Equal(AccountStatus.Requested, (await w.AccountAsync(id)).Status);

        Assert.True((await w.DecideAsync(head, school, id, ApprovalDecision.Refuse, "We already have a Facebook page")).Succeeded);
        var account = await w.AccountAsync(id);
        Assert.Equal(AccountStatus.Closed, account.Status);
        Assert.Equal("We already have a Facebook page", account.ClosedReason);
        Assert.Equal("We already have a Facebook page", Assert.Single(account.Approvals).Reason);

        // Closed: nobody decides it again.
        Assert.False((await w.DecideAsync(head, school, id, ApprovalDecision.Approve)).Succeeded);
        await using var ctx = w.Db.System();
        Assert.True(await ctx.AuditEntries.AnyAsync(e => e.EntityType == nameof(OfficialAccount) && e.Reason == "We already have a Facebook page", Ct));
    }

    [Fact]
    public async Task AnotherSchoolsAccount_IsNotFound()
    {
        var w = await AccountWorld.CreateAsync(server);
        var (_, head) = await w.PersonAsync(w.Orgs.SecondSchool.Id, "Olga", Role.Headteacher);
        var id = await w.RequestAsync(w.Orgs.School.Id, "comms@herontrust.org.uk");
        Assert.False((await w.DecideAsync(head, w.Orgs.SecondSchool.Id, id, ApprovalDecision.Approve)).Found);
    }
}
