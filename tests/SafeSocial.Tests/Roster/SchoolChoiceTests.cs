using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Roster;

/// <summary>A school whose roster id is not in the files, or is another school's, chooses which school in the files it is, sees the preview and confirms.</summary>
public class SchoolChoiceTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Sds => RosterFixtures.Path("sds-2.1");

    private static async Task<Org> AddSchoolAsync(RosterSchool school, string name, string sourcedId)
    {
        var other = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = name, TrustId = school.School.TrustId, SourcedId = sourcedId };
        await using var ctx = school.Db.System();
        ctx.Organisations.Add(other);
        await ctx.SaveChangesAsync(Ct);
        return other;
    }

    private static async Task<string?> SourcedIdAsync(RosterSchool school)
    {
        await using var ctx = school.Db.System();
        return (await ctx.Organisations.SingleAsync(o => o.Id == school.School.Id, Ct)).SourcedId;
    }

    [Fact]
    public async Task ARosterIdNotInTheFiles_AsksWhichSchoolItIs_ThenReplacesTheIdOnlyOnceConfirmed_Audited()
    {
        var school = await RosterSchool.CreateAsync(server, "old-mis-77", "Brookside Primary School");

        var first = await school.PreviewAsync(Sds);
        Assert.Equal((0, true, "old-mis-77"), (first.ErrorCount, first.NeedsSchoolChoice, first.SchoolNotInFiles));
        Assert.Equal(["2002 Brookside Primary School", "2003 Millbrook Primary School"], first.SchoolChoices.Select(c => $"{c.SourcedId} {c.Name}"));

        var chosen = await school.PreviewAsync(Sds, new RosterImportOptions("2002"));
        Assert.Equal(("2002", "old-mis-77", true, true), (chosen.SchoolSourcedId, chosen.PreviousSchoolSourcedId, chosen.SchoolNeedsConfirming, chosen.CanApply));
        Assert.Equal(2, chosen.CountOf(RosterRecordKind.Pupils)!.Added);

        Assert.Equal(RosterImportOutcome.NeedsSchool, (await school.ApplyAsync(Sds, new RosterImportOptions("2002"))).Outcome);
        Assert.Equal("old-mis-77", await SourcedIdAsync(school));

        await school.ApplyCleanAsync(Sds, new RosterImportOptions("2002", SchoolConfirmed: true));

        Assert.Equal("2002", await SourcedIdAsync(school));
        await using var ctx = school.Db.System();
        var audit = await ctx.AuditEntries.Where(a => a.OrganisationId == school.School.Id && a.EntityType == "Organisation" && a.Action == "Modified").ToListAsync(Ct);
        var change = Assert.Single(audit);
        Assert.Equal("Roster import classes.csv, demographics.csv, enrollments.csv, orgs.csv, relationships.csv, roles.csv, users.csv; the school is \"2002\" in these files (was \"old-mis-77\")", change.Reason);
        Assert.Equal("Test importer", change.ActorName);
    }

    [Fact]
    public async Task ARosterIdAnotherSchoolHas_CanBeChosen_OnlyWithConfirmation()
    {
        var school = await RosterSchool.CreateAsync(server, sourcedId: null, "Brookside Primary School");
        await AddSchoolAsync(school, "Millbrook Primary School", "2002");

        var preview = await school.PreviewAsync(Sds, new RosterImportOptions("2002"));

        Assert.Equal((0, "Millbrook Primary School", true), (preview.ErrorCount, preview.SchoolSourcedIdAlsoOf, preview.SchoolNeedsConfirming));
        Assert.Equal("Millbrook Primary School", preview.SchoolChoices.Single(c => c.SourcedId == "2002").AlsoOf);
        Assert.Equal(RosterImportOutcome.NeedsSchool, (await school.ApplyAsync(Sds, new RosterImportOptions("2002"))).Outcome);
        await school.ApplyCleanAsync(Sds, new RosterImportOptions("2002", SchoolConfirmed: true));
        Assert.Equal("2002", await SourcedIdAsync(school));
    }

    [Fact]
    public async Task ADistrictOrMinistry_CannotBeChosen()
    {
        var school = await RosterSchool.CreateAsync(server, sourcedId: null, "Brookside Primary School");

        var preview = await school.PreviewAsync(Sds, new RosterImportOptions("2001"));

        var error = Assert.Single(preview.Problems);
        Assert.Equal("Heron Learning Trust is a district in these files, not a school, so it cannot be Brookside Primary School. Choose a school.", error.Message);
        Assert.False(preview.CanApply);
        Assert.DoesNotContain(preview.SchoolChoices, c => c.SourcedId == "2001");
    }
}
