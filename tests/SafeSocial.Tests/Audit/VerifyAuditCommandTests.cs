using SafeSocial.Core.Audit;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Hosting;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Audit;

public class VerifyAuditCommandTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestDb Db, Guid SchoolId)> SchoolAsync()
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Test Primary" };
        await using var ctx = db.System();
        ctx.Organisations.Add(school);
        ctx.Pupils.Add(new Pupil { Id = Guid.NewGuid(), OrganisationId = school.Id, LegalFirstName = "A", LegalLastName = "B" });
        ctx.Users.Add(new SafeSocial.Core.Identity.AppUser { Id = Guid.NewGuid(), DisplayName = "X", UserName = "x@example.org" });
        await ctx.SaveChangesAsync(Ct);
        return (db, school.Id);
    }

    private static async Task<(int ExitCode, string[] Lines)> RunAsync(TestDb db)
    {
        await using var ctx = db.System();
        var output = new StringWriter();
        var exit = await VerifyAuditCommand.RunAsync(new AuditVerifier(ctx), output, Ct);
        return (exit, output.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task IntactTrails_PrintOneLineEach_AndExitZero()
    {
        var (db, _) = await SchoolAsync();

        var (exit, lines) = await RunAsync(db);

        Assert.Equal(0, exit);
        Assert.Equal(
            [$"{AuditVerifier.SystemTrailName}: intact (1 entry checked)", "Test Primary: intact (2 entries checked)", "All 2 audit trails are intact."],
            lines);
    }

    [Fact]
    public async Task ABrokenTrail_IsNamedWithItsFirstBrokenEntry_AndExitsTwo()
    {
        var (db, schoolId) = await SchoolAsync();
        await Attacker.RunAsync(db, """UPDATE "AuditEntries" SET "IpAddress" = '203.0.113.9' WHERE "OrganisationId" = @org AND "Sequence" = 2""", ("org", schoolId));

        var (exit, lines) = await RunAsync(db);

        Assert.Equal(2, exit);
        Assert.StartsWith("Test Primary: BROKEN at entry 2 (id ", lines[1]);
        Assert.Contains("was changed after it was written", lines[1]);
        Assert.Equal("1 of 2 audit trails are broken: they have been changed outside SafeSocial.", lines[^1]);
    }
}
