using SafeSocial.Core.Consent;
using SafeSocial.Core.Takedowns;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent.Takedowns;

/// <summary>The daily check opens a takedown when consent lapses or the pupil leaves, once, whenever it runs.</summary>
public class TakedownSweepTests(PostgresServer server)
{
    private static readonly DateTimeOffset FifteenthOctober = new(2025, 10, 15, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly LastOfAugust = new(2026, 8, 31), FirstOfSeptember = new(2026, 9, 1);

    private static async Task<TakedownWorld> WorldAsync(PostgresServer server, ConsentValidity validity)
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        await world.SetAsync("consent-validity", (int)validity);
        return world;
    }

    [Fact]
    public async Task AcademicYearConsent_OpensATakedownOn1September_NotOn31August()
    {
        var world = await WorldAsync(server, ConsentValidity.AcademicYear);
        await world.SetAsync("takedown-due", 14);
        var ash = await world.PupilAsync("Ash");
        await world.DecideAsync(ash, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(ash, ConsentPurpose.Video, ConsentDecision.Refused);

        world.SetDay(LastOfAugust);
        Assert.Equal(0, (await world.SweepAsync(LastOfAugust)).Opened);
        Assert.Empty(await world.TasksAsync());

        world.SetDay(FirstOfSeptember);
        Assert.Equal(1, (await world.SweepAsync(FirstOfSeptember)).Opened);
        var task = Assert.Single(await world.TasksAsync());
        Assert.Equal((TakedownReason.Lapsed, ConsentPurpose.SchoolWebsite, FirstOfSeptember), (task.Reason, task.Purpose, task.ConsentEndedOn));
        Assert.Equal(FirstOfSeptember.AddDays(14), task.DueOn);
        Assert.Equal(world.HeadOfComms.Id, task.OwnerStaffMemberId);
    }

    [Fact]
    public async Task ConsentGivenAgainInSeptember_ClosesTheLapseTakedown_AsNoLongerNeeded()
    {
        var world = await WorldAsync(server, ConsentValidity.AcademicYear);
        var ash = await world.PupilAsync("Ash");
        var elm = await world.PupilAsync("Elm");
        foreach (var pupil in new[] { ash, elm }) await world.DecideAsync(pupil, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        world.SetDay(FirstOfSeptember);
        Assert.Equal(2, (await world.SweepAsync(FirstOfSeptember)).Opened);

        world.SetDay(FirstOfSeptember.AddDays(4));
        await world.DecideAsync(ash, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(elm, ConsentPurpose.SchoolWebsite, ConsentDecision.Refused);

        var tasks = await world.TasksAsync();
        var closed = Assert.Single(tasks, t => t.PupilId == ash.PupilId);
        Assert.Equal(TakedownStatus.NoLongerNeeded, closed.Status);
        Assert.StartsWith("Consent given again by Ann Ash on 5 September", closed.ClosedNote);
        Assert.Equal(TakedownStatus.Open, Assert.Single(tasks, t => t.PupilId == elm.PupilId).Status);
    }

    [Fact]
    public async Task WholeEnrolmentConsent_DoesNotLapseOn1September()
    {
        var world = await WorldAsync(server, ConsentValidity.WholeEnrolment);
        var birch = await world.PupilAsync("Birch");
        await world.DecideAsync(birch, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);

        world.SetDay(FirstOfSeptember);
        Assert.Equal(0, (await world.SweepAsync(FirstOfSeptember)).Opened);
        Assert.Empty(await world.TasksAsync());
    }

    [Fact]
    public async Task ALeaversConsent_EndsOnTheLeavingDate_WithReasonLeft()
    {
        var leaving = new DateOnly(2026, 7, 22);
        var world = await WorldAsync(server, ConsentValidity.WholeEnrolment);
        var cedar = await world.PupilAsync("Cedar", leaving);
        var stays = await world.PupilAsync("Stays");
        var neverAsked = await world.PupilAsync("Neverasked", leaving);
        await world.DecideAsync(cedar, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Given);
        await world.DecideAsync(cedar, ConsentPurpose.Video, ConsentDecision.Given);
        await world.DecideAsync(stays, ConsentPurpose.SchoolSocialMedia, ConsentDecision.Given);
        _ = neverAsked;

        world.SetDay(leaving.AddDays(-1));
        Assert.Equal(0, (await world.SweepAsync(leaving.AddDays(-1))).Opened);
        world.SetDay(leaving);
        Assert.Equal(2, (await world.SweepAsync(leaving)).Opened);
        var tasks = await world.TasksAsync();
        Assert.All(tasks, t => Assert.Equal((cedar.PupilId, TakedownReason.Left, leaving), (t.PupilId, t.Reason, t.ConsentEndedOn)));
        Assert.Equal([ConsentPurpose.SchoolSocialMedia, ConsentPurpose.Video], tasks.Select(t => t.Purpose).Order());
    }

    [Fact]
    public async Task RunningTheCheckAgain_OpensNothingNew_TheSameDayOrLater()
    {
        var world = await WorldAsync(server, ConsentValidity.AcademicYear);
        var dale = await world.PupilAsync("Dale");
        await world.DecideAsync(dale, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(dale, ConsentPurpose.DisplaysInSchool, ConsentDecision.Given);

        world.SetDay(FirstOfSeptember);
        Assert.Equal(2, (await world.SweepAsync(FirstOfSeptember)).Opened);
        Assert.Equal(0, (await world.SweepAsync(FirstOfSeptember)).Opened);
        world.SetDay(FirstOfSeptember.AddDays(2));
        Assert.Equal(0, (await world.SweepAsync(FirstOfSeptember.AddDays(2))).Opened);
        Assert.Equal(2, (await world.TasksAsync()).Count);
    }

    [Fact]
    public async Task ANightTheCheckMissed_OrALeavingDateEnteredLate_StillOpensItsTask()
    {
        var world = await WorldAsync(server, ConsentValidity.AcademicYear);
        var elm = await world.PupilAsync("Elm");
        await world.DecideAsync(elm, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);

        var thirdOfSeptember = FirstOfSeptember.AddDays(2);
        world.SetDay(thirdOfSeptember);
        Assert.Equal(1, (await world.SweepAsync(thirdOfSeptember)).Opened);
        var task = Assert.Single(await world.TasksAsync());
        Assert.Equal(FirstOfSeptember, task.ConsentEndedOn);
        // Due counts from the day it was opened: nobody could act on it sooner.
        Assert.Equal(thirdOfSeptember.AddDays(30), task.DueOn);

        // Beyond a week back, an ending is history, not news: a first run does not open tasks for old leavers.
        var old = await world.PupilAsync("Oldleaver", thirdOfSeptember.AddDays(-TakedownSweep.CatchUpDays - 3));
        world.SetDay(new DateOnly(2025, 11, 1));
        await world.DecideAsync(old, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        world.SetDay(thirdOfSeptember);
        Assert.Equal(0, (await world.SweepAsync(thirdOfSeptember)).Opened);
    }

    [Fact]
    public async Task AConsentWithdrawnBeforeItLapsed_HasOneTask_NotASecondOnLapse()
    {
        var world = await WorldAsync(server, ConsentValidity.AcademicYear);
        var fir = await world.PupilAsync("Fir", leaving: FirstOfSeptember);
        await world.DecideAsync(fir, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        world.SetDay(new DateOnly(2026, 6, 1));
        await world.DecideAsync(fir, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        Assert.Single(await world.TasksAsync());

        world.SetDay(FirstOfSeptember);
        Assert.Equal(0, (await world.SweepAsync(FirstOfSeptember)).Opened);
        Assert.Equal(TakedownReason.Withdrawn, Assert.Single(await world.TasksAsync()).Reason);
    }
}
