using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Audit;

/// <summary>Tamper tests: the trail is changed the way an attacker with the database password would, and the verifier names the first broken entry.</summary>
public class AuditVerifierTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A school whose trail has five entries: its creation and four pupils, each saved on its own.</summary>
    private async Task<(TestDb Db, Guid SchoolId)> SchoolWithFiveEntriesAsync()
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Test Primary" };
        await using var ctx = db.System("Ms Head");
        ctx.Organisations.Add(school);
        await ctx.SaveChangesAsync(Ct);
        foreach (var name in new[] { "Amara", "Ben", "Chloe", "Dev" })
        {
            ctx.Pupils.Add(new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = name, LegalLastName = "Test" });
            await ctx.SaveChangesAsync(Ct);
        }
        return (db, school.Id);
    }

    private static async Task<AuditVerification> VerifyAsync(TestDb db, Guid orgId)
    {
        await using var ctx = db.System();
        return await new AuditVerifier(ctx).VerifyAsync(orgId, Ct);
    }

    private static async Task<AuditEntry> EntryAsync(TestDb db, Guid orgId, long sequence)
    {
        await using var ctx = db.System();
        return await ctx.AuditEntries.AsNoTracking().SingleAsync(a => a.OrganisationId == orgId && a.Sequence == sequence, Ct);
    }

    [Fact]
    public async Task AnUntouchedTrail_IsIntact()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();

        var result = await VerifyAsync(db, schoolId);

        Assert.True(result.Intact, result.Summary);
        Assert.Equal(5, result.EntriesChecked);
        Assert.Equal("Test Primary: intact (5 entries checked)", result.Summary);
    }

    [Fact]
    public async Task EditingAFieldOfOneEntry_IsNamed()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        var third = await EntryAsync(db, schoolId, 3);
        await Attacker.RunAsync(db, """UPDATE "AuditEntries" SET "ActorName" = 'Someone else' WHERE "Id" = @id""", ("id", third.Id));

        var result = await VerifyAsync(db, schoolId);

        Assert.False(result.Intact);
        Assert.Equal((3L, (long?)third.Id), (result.FirstBreak!.Sequence, result.FirstBreak.EntryId));
        Assert.Contains("changed after it was written", result.FirstBreak.Problem);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Fact]
    public async Task EditingAnEntryAndRecomputingItsHash_BreaksTheLinkToTheNextEntry()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        var third = await EntryAsync(db, schoolId, 3);
        third.Changes = """{"LegalFirstName":[null,"Someone else"]}""";
        await Attacker.RunAsync(db, """UPDATE "AuditEntries" SET "Changes" = @changes, "Hash" = @hash WHERE "Id" = @id""",
            ("changes", third.Changes), ("hash", AuditHash.Compute(third)), ("id", third.Id));
        var fourth = await EntryAsync(db, schoolId, 4);

        var result = await VerifyAsync(db, schoolId);

        Assert.Equal((4L, (long?)fourth.Id), (result.FirstBreak!.Sequence, result.FirstBreak.EntryId));
        Assert.Contains("does not follow on from entry 3", result.FirstBreak.Problem);
    }

    [Fact]
    public async Task AForgedEntryAddedAfterTheEnd_IsNamed()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        var last = await EntryAsync(db, schoolId, 5);
        var forged = new AuditEntry
        {
            OrganisationId = schoolId, Sequence = 6, OccurredAt = last.OccurredAt, ActorName = "Ms Head", Action = "Deleted",
            EntityType = "Pupil", EntityId = Guid.NewGuid().ToString(), PreviousHash = last.Hash, Hash = "",
        };
        forged.Hash = AuditHash.Compute(forged); // a careful forger: its own hash and its link are right
        await Attacker.RunAsync(db, """
            INSERT INTO "AuditEntries" ("OrganisationId", "Sequence", "OccurredAt", "ActorName", "Action", "EntityType", "EntityId", "PreviousHash", "Hash")
            VALUES (@org, 6, @at, @actor, 'Deleted', 'Pupil', @entity, @prev, @hash)
            """, ("org", schoolId), ("at", forged.OccurredAt), ("actor", forged.ActorName), ("entity", forged.EntityId), ("prev", forged.PreviousHash), ("hash", forged.Hash));
        var inserted = await EntryAsync(db, schoolId, 6);

        var result = await VerifyAsync(db, schoolId);

        Assert.Equal((6L, (long?)inserted.Id), (result.FirstBreak!.Sequence, result.FirstBreak.EntryId));
        Assert.Contains("after the recorded end of the trail (entry 5)", result.FirstBreak.Problem);
    }

    [Fact]
    public async Task AnEntryReplacedByAForgery_IsNamed()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        var second = await EntryAsync(db, schoolId, 2);
        await Attacker.RunAsync(db, """DELETE FROM "AuditEntries" WHERE "OrganisationId" = @org AND "Sequence" = 3""", ("org", schoolId));
        await Attacker.RunAsync(db, """
            INSERT INTO "AuditEntries" ("OrganisationId", "Sequence", "OccurredAt", "ActorName", "Action", "EntityType", "EntityId", "PreviousHash", "Hash")
            VALUES (@org, 3, @at, 'Ms Head', 'Added', 'Pupil', 'forged', @prev, 'not-a-real-hash')
            """, ("org", schoolId), ("at", second.OccurredAt), ("prev", second.Hash));
        var forged = await EntryAsync(db, schoolId, 3);

        var result = await VerifyAsync(db, schoolId);

        Assert.Equal((3L, (long?)forged.Id), (result.FirstBreak!.Sequence, result.FirstBreak.EntryId));
        Assert.Contains("changed after it was written", result.FirstBreak.Problem);
    }

    [Fact]
    public async Task DeletingAMiddleEntry_NamesTheGap()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        var fourth = await EntryAsync(db, schoolId, 4);
        await Attacker.RunAsync(db, """DELETE FROM "AuditEntries" WHERE "OrganisationId" = @org AND "Sequence" = 3""", ("org", schoolId));

        var result = await VerifyAsync(db, schoolId);

        Assert.Equal((3L, (long?)null), (result.FirstBreak!.Sequence, result.FirstBreak.EntryId));
        Assert.Equal($"Entry 3 is missing: it was deleted. The next entry still there is 4 (id {fourth.Id}).", result.FirstBreak.Problem);
    }

    [Fact]
    public async Task DeletingTheLastEntry_IsCaughtByTheChainHead()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        await Attacker.RunAsync(db, """DELETE FROM "AuditEntries" WHERE "OrganisationId" = @org AND "Sequence" = 5""", ("org", schoolId));

        var result = await VerifyAsync(db, schoolId);

        Assert.Equal(5L, result.FirstBreak!.Sequence);
        Assert.Contains("Entry 5, the last one, is missing", result.FirstBreak.Problem);
        Assert.Contains("BROKEN at entry 5", result.Summary);
    }

    [Fact]
    public async Task DeletingTheChainHead_IsNamed()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        await Attacker.RunAsync(db, """DELETE FROM "AuditChainHeads" WHERE "OrganisationId" = @org""", ("org", schoolId));

        var result = await VerifyAsync(db, schoolId);

        Assert.Contains("record of where the trail ends is missing", result.FirstBreak!.Problem);
    }

    [Fact]
    public async Task DeletingAWholeTrail_IsNamed()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        await Attacker.RunAsync(db, """DELETE FROM "AuditEntries" WHERE "OrganisationId" = @org""", ("org", schoolId));
        await Attacker.RunAsync(db, """DELETE FROM "AuditChainHeads" WHERE "OrganisationId" = @org""", ("org", schoolId));

        var result = await VerifyAsync(db, schoolId);

        Assert.Contains("no entries at all", result.FirstBreak!.Problem);
    }

    [Fact]
    public async Task ATrailLongerThanOnePage_IsCheckedToTheEnd()
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Big Primary" };
        await using (var ctx = db.System())
        {
            ctx.Organisations.Add(school);
            // One save, one entry per pupil: 4,500 entries span three of the verifier's pages.
            ctx.Pupils.AddRange(Enumerable.Range(0, 4499).Select(i => new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = $"P{i}", LegalLastName = "Test" }));
            await ctx.SaveChangesAsync(Ct);
        }
        Assert.Equal(4500, (await VerifyAsync(db, school.Id)).EntriesChecked);

        await Attacker.RunAsync(db, """UPDATE "AuditEntries" SET "Reason" = 'covering up' WHERE "OrganisationId" = @org AND "Sequence" = 4321""", ("org", school.Id));
        var result = await VerifyAsync(db, school.Id);
        Assert.Equal(4321L, result.FirstBreak!.Sequence);
    }

    [Fact]
    public async Task VerifyAll_ChecksTheSystemTrailAndEveryOrganisation_AndNamesTheBrokenOne()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        var other = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Other Primary" };
        await using (var ctx = db.System())
        {
            ctx.Organisations.Add(other);
            ctx.Users.Add(new SafeSocial.Core.Identity.AppUser { Id = Guid.NewGuid(), DisplayName = "X", UserName = "x@example.org" });
            await ctx.SaveChangesAsync(Ct);
        }
        await Attacker.RunAsync(db, """DELETE FROM "AuditEntries" WHERE "OrganisationId" = @org AND "Sequence" = 2""", ("org", schoolId));

        await using var read = db.System();
        var results = await new AuditVerifier(read).VerifyAllAsync(Ct);

        Assert.Equal([AuditVerifier.SystemTrailName, "Other Primary", "Test Primary"], results.Select(r => r.OrganisationName));
        Assert.Equal([true, true, false], results.Select(r => r.Intact));
        Assert.Equal(2L, results[2].FirstBreak!.Sequence);
    }

    [Fact]
    public async Task EntriesWrittenWhileVerifying_DoNotRaiseAFalseAlarm()
    {
        var (db, schoolId) = await SchoolWithFiveEntriesAsync();
        await using var verifying = db.System();
        await using var tx = await verifying.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, Ct);
        _ = await verifying.AuditChainHeads.CountAsync(Ct); // the snapshot starts here

        await using (var writer = db.System())
        {
            writer.Pupils.Add(new Pupil { Id = Guid.NewGuid(), OrganisationId = schoolId, LegalFirstName = "Late", LegalLastName = "Comer" });
            await writer.SaveChangesAsync(Ct);
        }

        var result = await new AuditVerifier(verifying).VerifyAsync(schoolId, Ct);
        Assert.True(result.Intact, result.Summary);
        Assert.Equal(5, result.EntriesChecked);
    }
}
