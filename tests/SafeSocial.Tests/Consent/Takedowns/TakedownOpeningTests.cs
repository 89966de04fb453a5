using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Takedowns;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent.Takedowns;

/// <summary>Withdrawing consent that was given opens a takedown, in the same save as the decision; nothing else does.</summary>
public class TakedownOpeningTests(PostgresServer server)
{
    private static readonly DateTimeOffset FifteenthOctober = new(2025, 10, 15, 11, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithdrawingGivenConsent_OpensOneTask_DueAfterThePolicysTakedownDays()
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        var ash = await world.PupilAsync("Ash");
        await world.DecideAsync(ash, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(ash, ConsentPurpose.Video, ConsentDecision.Given);
        Assert.Empty(await world.TasksAsync());

        await world.SetAsync("takedown-due", 21);
        await world.DecideAsync(ash, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        var task = Assert.Single(await world.TasksAsync());
        Assert.Equal(world.Today.AddDays(21), task.DueOn);
        Assert.Equal(TakedownReason.Withdrawn, task.Reason);
        Assert.Equal(TakedownStatus.Open, task.Status);
        Assert.Equal((ConsentPurpose.SchoolWebsite, "School website"), (task.Purpose, task.PurposeName));
        Assert.Equal("Remove images of Sam Ash from the school website", task.WhatToTakeDown);
        Assert.Equal(world.Today, task.ConsentEndedOn);
        Assert.Null(task.PostId);

        // The setting, not a constant, decides: changed, the next takedown is due sooner.
        await world.SetAsync("takedown-due", 7);
        await world.DecideAsync(ash, ConsentPurpose.Video, ConsentDecision.Refused);
        var video = Assert.Single(await world.TasksAsync(), t => t.Purpose == ConsentPurpose.Video);
        Assert.Equal(world.Today.AddDays(7), video.DueOn);
        Assert.Equal(TakedownReason.Withdrawn, video.Reason);
    }

    [Fact]
    public async Task TheTask_NamesTheGivenDecisionThatEnded_AndIsSavedWithTheWithdrawal()
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        var birch = await world.PupilAsync("Birch");
        await world.DecideAsync(birch, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Given);
        await world.DecideAsync(birch, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Withdrawn);

        await using var ctx = world.Db.System();
        var records = await ctx.ConsentRecords.OrderBy(r => r.RecordedAt).ToListAsync(Ct);
        var task = Assert.Single(await ctx.TakedownTasks.ToListAsync(Ct));
        Assert.Equal(records[0].Id, task.EndedConsentRecordId);
        // One save, one transaction: the withdrawal's audit entry and the task's sit side by side, at the same moment.
        var entries = await ctx.AuditEntries.Where(a => a.EntityType == "ConsentRecord" || a.EntityType == "TakedownTask")
            .OrderBy(a => a.Sequence).ToListAsync(Ct);
        var withdrawal = entries.Single(a => a.EntityId == records[1].Id.ToString());
        var opened = entries.Single(a => a.EntityType == "TakedownTask");
        Assert.Equal(withdrawal.OccurredAt, opened.OccurredAt);
        Assert.Equal(1L, Math.Abs(withdrawal.Sequence - opened.Sequence));
    }

    [Fact]
    public async Task ConsentNeverGiven_WithdrawnOrRefused_OpensNothing()
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        var cedar = await world.PupilAsync("Cedar");
        await world.DecideAsync(cedar, ConsentPurpose.SchoolWebsite, ConsentDecision.Refused);
        await world.DecideAsync(cedar, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        await world.DecideAsync(cedar, ConsentPurpose.Video, ConsentDecision.Withdrawn);
        Assert.Empty(await world.TasksAsync());
    }

    [Fact]
    public async Task WithdrawingTwice_OpensOneTask_AndGivingAgainThenWithdrawing_OpensASecond()
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        var dale = await world.PupilAsync("Dale");
        await world.DecideAsync(dale, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(dale, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        await world.DecideAsync(dale, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        Assert.Single(await world.TasksAsync());

        await world.DecideAsync(dale, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(dale, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        Assert.Equal(2, (await world.TasksAsync()).Select(t => t.EndedConsentRecordId).Distinct().Count());
    }

    [Fact]
    public async Task ATaskTheDailyCheckAlreadyOpened_IsNotOpenedAgain_AndTheWithdrawalStillSaves()
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        var elm = await world.PupilAsync("Elm");
        await world.DecideAsync(elm, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await using (var ctx = world.Db.System())
        {
            // As though another writer opened the takedown for this consent a moment before.
            var given = await ctx.ConsentRecords.SingleAsync(Ct);
            ctx.TakedownTasks.Add(new TakedownTask
            {
                Id = Guid.NewGuid(), OrganisationId = world.School.Id, PupilId = elm.PupilId, Purpose = given.Purpose, PurposeName = "School website",
                EndedConsentRecordId = given.Id, WhatToTakeDown = "Already open", OpenedAt = world.Clock.GetUtcNow(), DueOn = world.Today, ConsentEndedOn = world.Today,
            });
            await ctx.SaveChangesAsync(Ct);
        }
        await world.DecideAsync(elm, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        Assert.Equal("Already open", Assert.Single(await world.TasksAsync()).WhatToTakeDown);
        await using var read = world.Db.System();
        Assert.Equal(2, await read.ConsentRecords.CountAsync(Ct));
    }

    [Fact]
    public async Task TheOwner_IsTheHeadOfCommunicationsCoveringTheSchool_ElseTheHeadteacher()
    {
        var withComms = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        var fir = await withComms.PupilAsync("Fir");
        await withComms.DecideAsync(fir, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await withComms.DecideAsync(fir, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        Assert.Equal(withComms.HeadOfComms.Id, Assert.Single(await withComms.TasksAsync()).OwnerStaffMemberId);

        var withoutComms = await TakedownWorld.CreateAsync(server, FifteenthOctober, withHeadOfComms: false);
        var gum = await withoutComms.PupilAsync("Gum");
        await withoutComms.DecideAsync(gum, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await withoutComms.DecideAsync(gum, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        Assert.Equal(withoutComms.Headteacher.Id, Assert.Single(await withoutComms.TasksAsync()).OwnerStaffMemberId);
    }

    [Fact]
    public async Task ASchoolsOwnPurpose_IsNamedAsTheSchoolNamesIt()
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        await using (var ctx = world.Db.System())
            await new ConsentPolicyService(ctx, new Core.Policy.PolicySettingsService(ctx)).SetPurposeAsync(world.School.Id, "newsletter", "The printed newsletter", true, Ct);
        var hazel = await world.PupilAsync("Hazel");
        await world.DecideAsync(hazel, "newsletter", ConsentDecision.Given);
        await world.DecideAsync(hazel, "newsletter", ConsentDecision.Withdrawn);
        var task = Assert.Single(await world.TasksAsync());
        Assert.Equal("The printed newsletter", task.PurposeName);
        Assert.Equal("Stop using images of Sam Hazel for \u201cThe printed newsletter\u201d and remove any already in use", task.WhatToTakeDown);
    }
}
