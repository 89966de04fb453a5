using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Takedowns;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent.Takedowns;

/// <summary>Closing a takedown and changing its owner: the rules, and the audit trail's record of why.</summary>
public class TakedownServiceTests(PostgresServer server)
{
    private static readonly DateTimeOffset FifteenthOctober = new(2025, 10, 15, 11, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TakedownWorld World, TakedownTask Task)> OpenTaskAsync(PostgresServer server)
    {
        var world = await TakedownWorld.CreateAsync(server, FifteenthOctober);
        var f = await world.PupilAsync("Ash");
        await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Given);
        await world.DecideAsync(f, ConsentPurpose.SchoolWebsite, ConsentDecision.Withdrawn);
        return (world, Assert.Single(await world.TasksAsync()));
    }

    [Fact]
    public async Task Unable_NeedsAReason_AndRecordsIt()
    {
        var (world, task) = await OpenTaskAsync(server);
        await using (var ctx = world.Db.LimitedTo(world.School.Id))
        {
            var refused = await world.Service(ctx).MarkUnableAsync(world.School.Id, task.Id, "   ", Ct);
            Assert.Equal("UnableReason", Assert.Single(refused.Problems).Field);
            Assert.Equal(TakedownStatus.Open, Assert.Single(await world.TasksAsync()).Status);

            ctx.Audit.ActAs(Guid.NewGuid(), "Hana Head", null);
            Assert.True((await world.Service(ctx).MarkUnableAsync(world.School.Id, task.Id, "The local paper printed it in June", Ct)).Succeeded);
        }
        var closed = Assert.Single(await world.TasksAsync());
        Assert.Equal((TakedownStatus.Unable, "The local paper printed it in June", "Hana Head"), (closed.Status, closed.ClosedNote, closed.ClosedBy));
        await using var read = world.Db.System();
        var entry = await read.AuditEntries.Where(a => a.EntityType == "TakedownTask" && a.Action == "Modified").SingleAsync(Ct);
        Assert.Equal("Takedown could not be done: The local paper printed it in June", entry.Reason);
    }

    [Fact]
    public async Task Done_RecordsWhoAndWhen_WithAnOptionalNote_AndThenCannotChange()
    {
        var (world, task) = await OpenTaskAsync(server);
        await using (var ctx = world.Db.LimitedTo(world.School.Id))
        {
            ctx.Audit.ActAs(Guid.NewGuid(), "Cora Comms", null);
            Assert.True((await world.Service(ctx).MarkDoneAsync(world.School.Id, task.Id, "  Removed from the news page ", Ct)).Succeeded);
            Assert.False((await world.Service(ctx).MarkUnableAsync(world.School.Id, task.Id, "Changed my mind", Ct)).Succeeded);
            Assert.False((await world.Service(ctx).ChangeOwnerAsync(world.School.Id, task.Id, world.Headteacher.Id, Ct)).Succeeded);
        }
        var done = Assert.Single(await world.TasksAsync());
        Assert.Equal((TakedownStatus.Done, "Removed from the news page", "Cora Comms", world.Clock.GetUtcNow()), (done.Status, done.ClosedNote, done.ClosedBy, done.ClosedAt));
        Assert.Equal(world.HeadOfComms.Id, done.OwnerStaffMemberId);
    }

    [Fact]
    public async Task TheOwner_CanBeChanged_OnlyToSomeoneWhoMayTakeDownImagesThere()
    {
        var (world, task) = await OpenTaskAsync(server);
        await using (var ctx = world.Db.LimitedTo(world.School.Id))
        {
            var teacher = await world.Service(ctx).ChangeOwnerAsync(world.School.Id, task.Id, world.Teacher.Id, Ct);
            Assert.Equal("OwnerId", Assert.Single(teacher.Problems).Field);
            Assert.True((await world.Service(ctx).ChangeOwnerAsync(world.School.Id, task.Id, world.Headteacher.Id, Ct)).Succeeded);
            var candidates = await new TakedownOwners(ctx, world.Clock).CandidatesAsync(world.School.Id, Ct);
            Assert.Equal(["Cora Comms", "Hana Head"], candidates.Select(c => c.Name));
        }
        Assert.Equal(world.Headteacher.Id, Assert.Single(await world.TasksAsync()).OwnerStaffMemberId);
        await using var read = world.Db.System();
        Assert.Equal("Owner changed to Hana Head", (await read.AuditEntries.Where(a => a.EntityType == "TakedownTask" && a.Action == "Modified").SingleAsync(Ct)).Reason);
    }

    [Fact]
    public async Task AnotherSchoolsTask_IsNotFound()
    {
        var (world, task) = await OpenTaskAsync(server);
        var elsewhere = Guid.NewGuid();
        await using var ctx = world.Db.LimitedTo(world.School.Id);
        Assert.Null(await world.Service(ctx).FindAsync(elsewhere, task.Id, Ct));
        Assert.False((await world.Service(ctx).MarkDoneAsync(elsewhere, task.Id, null, Ct)).Found);
        Assert.NotNull(await world.Service(ctx).FindAsync(world.School.Id, task.Id, Ct));
    }
}
