using SafeSocial.Core.Demo;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>Files written by <see cref="OneRosterWriter"/> from a generated school, imported and imported again.</summary>
public class RoundTripTests(PostgresServer server)
{
    [Theory]
    [InlineData("1.1")]
    [InlineData("1.2")]
    public async Task GeneratedSchool_ImportsEveryone_AndReImportChangesNothing(string version)
    {
        var school = await RosterSchool.CreateAsync(server, "school-1");
        var generated = TrustGenerator.Generate("Heron Learning Trust", new TrustSize(1, 60, 8), school.TodayDate, seed: 7);
        generated.Schools[0].Id = school.School.Id;
        foreach (var x in generated.Pupils) x.OrganisationId = school.School.Id;
        foreach (var x in generated.Parents) x.OrganisationId = school.School.Id;
        foreach (var x in generated.Links) x.OrganisationId = school.School.Id;
        foreach (var x in generated.Classes) x.OrganisationId = school.School.Id;
        foreach (var x in generated.Staff) x.OrganisationId = school.School.Id;
        var folder = RosterFixtures.TempFolder();
        OneRosterWriter.Write(folder, OneRosterExport.From(generated), version);

        var first = await school.ApplyCleanAsync(folder);
        Assert.Equal(60, first.Preview.CountOf(RosterRecordKind.Pupils)!.Added);
        Assert.Equal(generated.Parents.Count, first.Preview.CountOf(RosterRecordKind.Parents)!.Added);
        Assert.Equal(generated.Links.Count, first.Preview.CountOf(RosterRecordKind.ParentLinks)!.Added);
        Assert.Equal(8, first.Preview.CountOf(RosterRecordKind.Staff)!.Added);

        var pupils = await school.PupilsAsync();
        foreach (var expected in generated.Pupils)
        {
            var p = pupils.Single(x => x.SourcedId == expected.SourcedId);
            Assert.Equal((expected.LegalFirstName, expected.LegalLastName, expected.DateOfBirth, expected.YearGroup),
                (p.LegalFirstName, p.LegalLastName, p.DateOfBirth, p.YearGroup));
            Assert.Equal(generated.Classes.Single(c => c.Id == expected.ClassId).SourcedId, p.Class!.SourcedId);
            Assert.Equal(generated.Links.Where(l => l.PupilId == expected.Id).Select(l => (l.Relationship, l.HasParentalResponsibility)).Order(),
                p.Parents.Select(l => (l.Relationship, l.HasParentalResponsibility)).Order());
        }

        var audit = await school.AuditCountAsync();
        var again = await school.ApplyCleanAsync(folder);
        Assert.Equal(0, again.Preview.TotalChanges);
        Assert.Equal(audit, await school.AuditCountAsync());
    }
}
