using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Takedowns;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent.Takedowns;

/// <summary>The daily check reminds the owner of each overdue open takedown, at most once a day.</summary>
public class TakedownReminderTests(PostgresServer server)
{
    private static readonly DateTimeOffset FifteenthOctober = new(2025, 10, 15, 11, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TakedownWorld World, DateOnly Due)> OverdueSoonAsync(PostgresServer server, params string[] surnames)
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        await world.SetAsync("takedown-due", 5);
        foreach (var surname in surnames)
        {
            var f = await world.PupilAsync(surname);
            await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
            await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        }
        return (world, world.Today.AddDays(5));
    }

    [Fact]
    public async Task AnOverdueTask_IsRemindedOnceADay_ToItsOwner()
    {
        var (world, due) = await OverdueSoonAsync(server, "Ash", "Birch");

        world.SetDay(due);
        Assert.Empty((await world.SweepAsync(due)).Reminders);

        var dayAfter = due.AddDays(1);
        world.SetDay(dayAfter);
        var reminder = Assert.Single((await world.SweepAsync(dayAfter)).Reminders);
        Assert.Equal((world.HeadOfComms.Email, "Cora Comms"), (reminder.Email, reminder.Name));
        Assert.Equal(2, reminder.Tasks.Count);
        Assert.All(reminder.Tasks, t => Assert.Equal((world.School.Id, "Alpha Primary", due), (t.OrganisationId, t.SchoolName, t.DueOn)));
        Assert.All(await world.TasksAsync(), t => Assert.Equal(world.Clock.GetUtcNow(), t.LastRemindedAt));

        // Later the same day: nothing more. The next day: again.
        world.Clock.Advance(TimeSpan.FromHours(11));
        Assert.Empty((await world.SweepAsync(dayAfter)).Reminders);
        world.SetDay(dayAfter.AddDays(1));
        Assert.Equal(2, Assert.Single((await world.SweepAsync(dayAfter.AddDays(1))).Reminders).Tasks.Count);
    }

    [Fact]
    public async Task DoneAndUnableTasks_AreNotReminded()
    {
        var (world, due) = await OverdueSoonAsync(server, "Cedar", "Dale", "Elm");
        var tasks = await world.TasksAsync();
        await using (var ctx = world.Db.LimitedTo(world.School.Id))
        {
            Assert.True((await world.Service(ctx).MarkDoneAsync(world.School.Id, tasks[0].Id, null, Ct)).Succeeded);
            Assert.True((await world.Service(ctx).MarkUnableAsync(world.School.Id, tasks[1].Id, "The local paper printed it", Ct)).Succeeded);
        }

        var late = due.AddDays(3);
        world.SetDay(late);
        var reminder = Assert.Single((await world.SweepAsync(late)).Reminders);
        Assert.Equal(tasks[2].Id, Assert.Single(reminder.Tasks).TaskId);
    }

    [Fact]
    public async Task AnOwnerWhoHasLeft_IsStoodInForByTheSchoolsDefaultOwner()
    {
        var (world, due) = await OverdueSoonAsync(server, "Fir");
        var task = Assert.Single(await world.TasksAsync());
        await using (var ctx = world.Db.LimitedTo(world.School.Id))
            Assert.True((await world.Service(ctx).ChangeOwnerAsync(world.School.Id, task.Id, world.Headteacher.Id, Ct)).Succeeded);
        await using (var ctx = world.Db.System())
        {
            var head = await ctx.StaffMembers.SingleAsync(s => s.Id == world.Headteacher.Id, Ct);
            head.LeavingDate = due;
            await ctx.SaveChangesAsync(Ct);
        }

        world.SetDay(due.AddDays(1));
        var reminder = Assert.Single((await world.SweepAsync(due.AddDays(1))).Reminders);
        Assert.Equal(world.HeadOfComms.Email, reminder.Email);
    }

    [Fact]
    public async Task RemindingIsAudited_AsTheDailyCheck_WithWhy()
    {
        var (world, due) = await OverdueSoonAsync(server, "Gum");
        world.SetDay(due.AddDays(1));
        await world.SweepAsync(due.AddDays(1));
        await using var ctx = world.Db.System();
        var entry = await ctx.AuditEntries.Where(a => a.EntityType == "TakedownTask" && a.Action == "Modified").SingleAsync(Ct);
        Assert.Equal("Daily check", entry.ActorName);
        Assert.Equal("Overdue: its owner is reminded by email", entry.Reason);
        Assert.Contains("LastRemindedAt", entry.Changes);
    }
}
