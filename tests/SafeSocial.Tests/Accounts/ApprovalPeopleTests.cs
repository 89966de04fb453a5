using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>
/// The person who asks and each approver are different people, for a new account and for a new admin; each approver is
/// written to when a step reaches them, and the person who asked when it is decided.
/// </summary>
public class ApprovalPeopleTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheHeadteacherWhoAsked_CannotApprove_AnotherHeadteacherCan()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.Standalone.Id;
        var (_, sam) = await w.PersonAsync(school, "Sam", Role.Headteacher);
        var (_, hal) = await w.PersonAsync(school, "Hal", Role.Headteacher);
        var id = await w.RequestAsAsync(sam, school, "office@gamma.sch.uk");

        var own = await w.DecideAsync(sam, school, id, ApprovalDecision.Approve);
        Assert.Contains("different people", Assert.Single(own.Problems).Message);
        Assert.Equal(AccountStatus.Requested, (await w.AccountAsync(id)).Status);

        Assert.True((await w.DecideAsync(hal, school, id, ApprovalDecision.Approve)).Succeeded);
        Assert.Equal(AccountStatus.Approved, (await w.AccountAsync(id)).Status);
    }

    [Fact]
    public async Task OnePersonHoldingBothRoles_DecidesOneStepOnly()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.School.Id;
        var (_, hana) = await w.PersonAsync(school, "Hana", Role.Headteacher);
        // Hana is also the trust's head of communications, through a record at the trust.
        await w.RecordAsync(w.Orgs.Trust.Id, "Hana", Role.HeadOfCommunications, hana);
        var (_, cleo) = await w.PersonAsync(w.Orgs.Trust.Id, "Cleo", Role.HeadOfCommunications);
        var id = await w.RequestAsync(school, "comms@herontrust.org.uk");

        Assert.True((await w.DecideAsync(hana, school, id, ApprovalDecision.Approve)).Succeeded);
        var again = await w.DecideAsync(hana, school, id, ApprovalDecision.Approve);
        Assert.Contains("each step needs a different person", Assert.Single(again.Problems).Message);
        Assert.Equal(AccountStatus.Requested, (await w.AccountAsync(id)).Status);

        Assert.True((await w.DecideAsync(cleo, school, id, ApprovalDecision.Approve)).Succeeded);
        Assert.Equal(AccountStatus.Approved, (await w.AccountAsync(id)).Status);
    }

    [Fact]
    public async Task EachApprover_IsWrittenTo_AsTheirStepComes_AndTheRequesterWhenDecided()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.School.Id;
        var (_, rita) = await w.PersonAsync(school, "Rita", Role.Headteacher, "rita@x.test");
        var (_, hana) = await w.PersonAsync(school, "Hana", Role.Headteacher, "hana@x.test");
        var (_, cleo) = await w.PersonAsync(w.Orgs.Trust.Id, "Cleo", Role.HeadOfCommunications, "cleo@x.test");
        var id = await w.RequestAsAsync(rita, school, "comms@herontrust.org.uk");

        await using (var ctx = w.As(null))
        {
            // Rita is a headteacher too, but she asked: only Hana is asked.
            var first = await new AccountApprovals(ctx, new PolicySettingsService(ctx), w.Clock).AskFirstAsync(school, id, Ct);
            var letter = Assert.Single(first);
            Assert.Equal((ApprovalLetterKind.StepWaiting, "hana@x.test", ApprovalStep.Headteacher), (letter.Kind, letter.To, letter.Step));
        }

        var approved = await w.DecisionAsync(hana, school, id, ApprovalDecision.Approve);
        Assert.Equal(ApprovalStep.HeadOfCommunications, approved.NowWaiting);
        Assert.Equal(["cleo@x.test"], approved.Letters.Select(l => l.To));

        var refused = await w.DecisionAsync(cleo, school, id, ApprovalDecision.Refuse, "We have one already");
        Assert.Null(refused.NowWaiting);
        var told = Assert.Single(refused.Letters);
        Assert.Equal((ApprovalLetterKind.Refused, "rita@x.test", "We have one already", "Cleo Person"), (told.Kind, told.To, told.Reason, told.DecidedBy));
    }

    [Fact]
    public async Task ANewAdmin_FollowsTheAccountsSteps_ByPeopleOtherThanTheAsker_AndIsActiveOnlyOnceApproved()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.School.Id;
        var (_, hana) = await w.PersonAsync(school, "Hana", Role.Headteacher, "hana@x.test");
        var (_, cleo) = await w.PersonAsync(w.Orgs.Trust.Id, "Cleo", Role.HeadOfCommunications, "cleo@x.test");
        var (tia, tiaUser) = await w.PersonAsync(school, "Tia", Role.Teacher, "tia@x.test");
        await using (var ctx = w.Db.System())
            await new AccountAdmins(ctx, w.Clock).RecordTrainingAsync(tia.Id, TrainingRecord.OfficialAccountTraining, AccountWorld.Today.AddDays(-5), null, Ct);
        var account = await w.RequestAsync(school, "comms@herontrust.org.uk");
        Assert.True((await w.DecideAsync(hana, school, account, ApprovalDecision.Approve)).Succeeded);
        Assert.True((await w.DecideAsync(cleo, school, account, ApprovalDecision.Approve)).Succeeded);

        // Hana asks for Tia: the headteacher's step is asked of other headteachers, and Hana may not decide it.
        var (requestId, asked) = await w.AskAdminAsync(hana, school, account, tia.Id);
        Assert.True(asked.Outcome.Succeeded);
        Assert.Equal(ApprovalStep.Headteacher, asked.NowWaiting);
        Assert.Empty(asked.Letters);
        var (_, henry) = await w.PersonAsync(school, "Henry", Role.Headteacher, "henry@x.test");
        Assert.Contains("different people", Assert.Single((await w.DecideAdminAsync(hana, school, account, requestId!.Value, ApprovalDecision.Approve)).Outcome.Problems).Message);
        // Were Tia a headteacher too, she could not approve herself.
        await w.RecordAsync(school, "Tia", Role.Headteacher, tiaUser);
        Assert.Contains("person proposed", Assert.Single((await w.DecideAdminAsync(tiaUser, school, account, requestId.Value, ApprovalDecision.Approve)).Outcome.Problems).Message);
        Assert.Empty(await AdminsAsync(w, school, account));

        var first = await w.DecideAdminAsync(henry, school, account, requestId.Value, ApprovalDecision.Approve);
        Assert.True(first.Outcome.Succeeded);
        Assert.Equal(ApprovalStep.HeadOfCommunications, first.NowWaiting);
        Assert.Equal(["cleo@x.test"], first.Letters.Select(l => l.To));
        Assert.Empty(await AdminsAsync(w, school, account));

        var last = await w.DecideAdminAsync(cleo, school, account, requestId.Value, ApprovalDecision.Approve);
        Assert.True(last.Outcome.Succeeded);
        Assert.Equal(["Tia Person"], (await AdminsAsync(w, school, account)).Select(a => a.Name));
        var letter = Assert.Single(last.Letters);
        Assert.Equal((ApprovalLetterKind.Approved, "hana@x.test", "Tia Person"), (letter.Kind, letter.To, letter.AdminName));

        await using var db = w.Db.System();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(AdminApproval) && e.Action == "Added", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(AccountAdmin) && e.Action == "Added", Ct));
    }

    [Fact]
    public async Task ARefusedAdmin_IsNotAdded_AndTheAskerIsToldWhy()
    {
        var w = await AccountWorld.CreateAsync(server);
        var school = w.Orgs.Standalone.Id;
        var (_, sam) = await w.PersonAsync(school, "Sam", Role.Headteacher);
        var (_, rita) = await w.PersonAsync(school, "Rita", Role.SchoolBusinessManager, "rita@x.test");
        var (tia, _) = await w.PersonAsync(school, "Tia", Role.Teacher);
        await using (var ctx = w.Db.System())
            await new AccountAdmins(ctx, w.Clock).RecordTrainingAsync(tia.Id, TrainingRecord.OfficialAccountTraining, AccountWorld.Today.AddDays(-5), null, Ct);
        var account = await w.RequestAsync(school, "office@gamma.sch.uk");
        Assert.True((await w.DecideAsync(sam, school, account, ApprovalDecision.Approve)).Succeeded);

        var (requestId, _) = await w.AskAdminAsync(rita, school, account, tia.Id);
        Assert.Equal("Reason", Assert.Single((await w.DecideAdminAsync(sam, school, account, requestId!.Value, ApprovalDecision.Refuse)).Outcome.Problems).Field);
        var refused = await w.DecideAdminAsync(sam, school, account, requestId.Value, ApprovalDecision.Refuse, "Tia is leaving at Easter");
        Assert.True(refused.Outcome.Succeeded);
        Assert.Equal((ApprovalLetterKind.Refused, "rita@x.test", "Tia is leaving at Easter"), (refused.Letters[0].Kind, refused.Letters[0].To, refused.Letters[0].Reason));
        Assert.Empty(await AdminsAsync(w, school, account));
        // Refused is final, and someone may be asked for again.
        Assert.False((await w.DecideAdminAsync(sam, school, account, requestId.Value, ApprovalDecision.Approve)).Outcome.Succeeded);
        Assert.True((await w.AskAdminAsync(rita, school, account, tia.Id)).Result.Outcome.Succeeded);
    }

    private static async Task<List<AdminRow>> AdminsAsync(AccountWorld w, Guid school, Guid account)
    {
        await using var ctx = w.Db.System();
        return await new AccountAdmins(ctx, w.Clock).ListAsync(school, account, Ct);
    }
}
