using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>A OneRoster 1.1 export for Larkrise (with a department and a second school's rows), imported into Larkrise.</summary>
public class OneRosterImportTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Good = RosterFixtures.Path("oneroster-1.1");

    [Fact]
    public async Task Preview_CountsWhatWouldChange_AndWritesNothing()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        var audit = await school.AuditCountAsync();
        var preview = await school.PreviewAsync(Good);

        Assert.True(preview.ErrorCount == 0, RosterSchool.Describe(preview));
        Assert.Equal((RosterFormat.OneRoster11, RosterMode.Full), (preview.Format!.Value, preview.Mode));
        Assert.Equal((4, 0, 0), Count(preview, RosterRecordKind.Pupils));
        Assert.Equal((3, 0, 0), Count(preview, RosterRecordKind.Staff));
        Assert.Equal((4, 0, 0), Count(preview, RosterRecordKind.Parents));
        Assert.Equal((4, 0, 0), Count(preview, RosterRecordKind.ParentLinks));
        Assert.Equal((2, 0, 0), Count(preview, RosterRecordKind.Classes));
        Assert.Contains(preview.Notes, n => n.Contains("no status (3 lines of orgs.csv, 4 lines of users.csv", StringComparison.Ordinal) && n.Contains("OneRoster 1.1 allows a blank status in a full (bulk) export, where it means active", StringComparison.Ordinal));
        Assert.Contains(preview.Notes, n => n.StartsWith("1 pupil or member of staff in the files belongs to other organisations", StringComparison.Ordinal));
        Assert.Contains(preview.Notes, n => n.StartsWith("1 entry in pupils' agentSourcedIds names staff", StringComparison.Ordinal));
        Assert.Contains(preview.Notes, n => n.StartsWith("1 timetabled (scheduled) class was not imported", StringComparison.Ordinal));
        Assert.Empty(await school.PupilsAsync());
        Assert.Equal(audit, await school.AuditCountAsync());
    }

    private static (int Added, int Updated, int Leaving) Count(RosterPreview p, RosterRecordKind kind) =>
        p.CountOf(kind) is { } c ? (c.Added, c.Updated, c.Leaving) : (0, 0, 0);

    [Fact]
    public async Task Apply_AddsPupilsWithTheirClassesDatesAndParents_AndAuditsItWithTheFileName()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        await school.ApplyCleanAsync(Good);

        var pupils = (await school.PupilsAsync()).ToDictionary(p => p.SourcedId!);
        Assert.Equal(["usr-lark-s-101", "usr-lark-s-102", "usr-lark-s-103", "{LDAP:77}"], pupils.Keys.Order(StringComparer.Ordinal));
        var amelia = pupils["usr-lark-s-101"];
        Assert.Equal(("Amelia", "Hart", "3", "Year 3 Oak", new DateOnly(2018, 3, 14)), (amelia.LegalFirstName, amelia.LegalLastName, amelia.YearGroup, amelia.Class!.Name, amelia.DateOfBirth!.Value));
        Assert.Equal([("Guardian", true, "Marcus"), ("Parent", true, "Claire")],
            amelia.Parents.Select(l => (l.Relationship, l.HasParentalResponsibility, l.Parent!.FirstName)).OrderBy(x => x.Item1));
        Assert.Equal(new DateOnly(2018, 5, 1), pupils["usr-lark-s-102"].DateOfBirth); // "1/05/2018", day first
        var isla = pupils["usr-lark-s-103"]; // in the school's Early Years department
        Assert.Equal(("R", "Reception Willow"), (isla.YearGroup, isla.Class!.Name));
        Assert.Empty(isla.Parents); // her agentSourcedIds names a teacher
        var noah = pupils["{LDAP:77}"];
        Assert.Equal(new DateOnly(2021, 11, 22), noah.DateOfBirth);
        Assert.Equal(("Relative", false, "Joan"), noah.Parents.Select(l => (l.Relationship, l.HasParentalResponsibility, l.Parent!.FirstName)).Single());

        var staff = (await school.StaffAsync()).ToDictionary(s => s.SourcedId!);
        Assert.Equal(("Teacher", "Teaching assistant", "Administrator"), (staff["usr-lark-t-001"].JobTitle, staff["usr-lark-t-002"].JobTitle, staff["usr-lark-a-003"].JobTitle));
        Assert.Equal("claire.hart@example.com", (await school.ParentsAsync()).Single(p => p.SourcedId == "usr-lark-p-201").Email);

        await using var ctx = school.Db.System();
        var entries = await ctx.AuditEntries.Where(a => a.OrganisationId == school.School.Id && a.EntityType != "Organisation").ToListAsync(Ct);
        Assert.Contains(entries, a => a.EntityType == "Pupil" && a.Action == "Added" && a.Changes!.Contains("Amelia", StringComparison.Ordinal));
        Assert.All(entries, a => Assert.Equal(("Roster import classes.csv, demographics.csv, enrollments.csv, manifest.csv, orgs.csv, users.csv", "Test importer"), (a.Reason, a.ActorName)));
    }

    [Fact]
    public async Task ReImportingTheSameFiles_ChangesNothing_AndWritesNoAuditEntry()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        await school.ApplyCleanAsync(Good);
        var audit = await school.AuditCountAsync();

        var again = await school.ApplyCleanAsync(Good);

        Assert.Equal(0, again.Preview.TotalChanges);
        Assert.All(again.Preview.Counts, c => Assert.Equal(0, c.Added + c.Updated + c.Leaving));
        Assert.Equal(audit, await school.AuditCountAsync());
    }

    [Fact]
    public async Task APupilMissingFromAFullImport_BecomesALeaver_AndIsKeptWithTheirParents()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        await school.ApplyCleanAsync(Good);
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Remove(folder, "usr-lark-s-102,");

        var result = await school.ApplyCleanAsync(folder);

        Assert.Equal((0, 0, 1), Count(result.Preview, RosterRecordKind.Pupils));
        Assert.Equal("Oliver Nwosu", result.Preview.Leavers.Single(l => l.Kind == RosterRecordKind.Pupils).Name);
        var oliver = (await school.PupilsAsync()).Single(p => p.SourcedId == "usr-lark-s-102");
        Assert.Equal(school.TodayDate, oliver.LeavingDate);
        Assert.Equal("Grace", oliver.Parents.Single().Parent!.FirstName);
        Assert.Equal(4, (await school.PupilsAsync()).Count);

        var again = await school.ApplyCleanAsync(folder);
        Assert.Equal(0, again.Preview.TotalChanges); // a leaver is not made to leave twice
    }

    [Fact]
    public async Task ALeaverBackInTheFiles_IsOnRollAgain()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Remove(folder, "usr-lark-s-102,");
        await school.ApplyCleanAsync(Good);
        await school.ApplyCleanAsync(folder);
        school.Clock.Advance(TimeSpan.FromDays(3));

        var back = await school.ApplyCleanAsync(Good);

        var change = back.Preview.Changes.Single(c => c.SourcedId == "usr-lark-s-102");
        Assert.Equal([new RosterFieldChange("Leaving date", "20 Nov 2026", null)], change.Fields);
        Assert.Null((await school.PupilsAsync()).Single(p => p.SourcedId == "usr-lark-s-102").LeavingDate);
    }

    [Fact]
    public async Task ADeltaImport_ChangesOnlyTheRowsItHolds_AndMarksTobedeletedRowsAsLeavers()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        await school.ApplyCleanAsync(Good);
        var delta = RosterFixtures.TempFolder();
        File.WriteAllText(Path.Combine(delta, "manifest.csv"), "propertyName,value\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,delta\n");
        File.Copy(Path.Combine(Good, "orgs.csv"), Path.Combine(delta, "orgs.csv"));
        File.WriteAllText(Path.Combine(delta, "users.csv"), """
            sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password
            usr-lark-s-101,active,2026-11-19,TRUE,org-sch-lark,student,amelia.hart,,Amelia,Hart-Jones,,S101,,,,"usr-lark-p-201,usr-lark-p-202",03,
            usr-lark-t-002,tobedeleted,2026-11-19,TRUE,org-sch-lark,aide,d.osei,,Daniel,Osei,,T002,,,,,,
            """);

        var result = await school.ApplyCleanAsync(delta);

        Assert.Equal(RosterMode.Delta, result.Preview.Mode);
        Assert.Equal((0, 1, 0), Count(result.Preview, RosterRecordKind.Pupils));
        Assert.Equal((0, 0, 1), Count(result.Preview, RosterRecordKind.Staff));
        Assert.Equal((0, 0, 0), Count(result.Preview, RosterRecordKind.ParentLinks));
        var pupils = await school.PupilsAsync();
        Assert.Equal("Hart-Jones", pupils.Single(p => p.SourcedId == "usr-lark-s-101").LegalLastName);
        Assert.All(pupils, p => Assert.Null(p.LeavingDate));
        Assert.Equal("Year 3 Oak", pupils.Single(p => p.SourcedId == "usr-lark-s-101").Class!.Name); // no enrolments in the delta: class kept
        var staff = await school.StaffAsync();
        Assert.Equal(school.TodayDate, staff.Single(s => s.SourcedId == "usr-lark-t-002").LeavingDate);
        Assert.Equal(2, staff.Count(s => s.LeavingDate is null));
    }

    [Fact]
    public async Task ErrorsBlockTheApply_AndNothingIsWritten()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "users.csv", t => t.Replace(",teacher,h.patel", ",techer,h.patel", StringComparison.Ordinal));
        var audit = await school.AuditCountAsync();

        var result = await school.ApplyAsync(folder);

        Assert.Equal(RosterImportOutcome.HasErrors, result.Outcome);
        Assert.False(result.Preview.CanApply);
        Assert.Empty(await school.PupilsAsync());
        Assert.Empty(await school.ParentsAsync());
        Assert.Equal(audit, await school.AuditCountAsync());
    }

    [Fact]
    public async Task FilesThatChangedSinceThePreview_AreNotApplied()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        var folder = RosterFixtures.Copy("oneroster-1.1");
        var preview = await school.PreviewAsync(folder);
        await school.ApplyCleanAsync(Good); // someone else imported in between

        var result = await school.ApplyAsync(folder, fingerprint: preview.Fingerprint);

        Assert.Equal(RosterImportOutcome.ChangedSincePreview, result.Outcome);
    }

    [Fact]
    public async Task AnImportThatWouldMakeTheImporterALeaver_IsRefused()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        var userId = Guid.NewGuid();
        await using (var ctx = school.Db.System())
        {
            ctx.Users.Add(new SafeSocial.Core.Identity.AppUser { Id = userId, UserName = "sbm@example.org", Email = "sbm@example.org", DisplayName = "Sam Brook" });
            ctx.StaffMembers.Add(new SafeSocial.Core.Organisation.StaffMember { Id = Guid.NewGuid(), OrganisationId = school.School.Id, FirstName = "Sam", LastName = "Brook", SourcedId = "usr-lark-sbm", UserId = userId });
            await ctx.SaveChangesAsync(Ct);
        }

        var preview = await school.PreviewAsync(Good, new RosterImportOptions(ActingUserId: userId));
        var someoneElse = await school.PreviewAsync(Good, new RosterImportOptions(ActingUserId: Guid.NewGuid()));

        Assert.Contains(preview.Problems, p => p.Severity == ProblemSeverity.Error && p.Message.Contains("you would lose access", StringComparison.Ordinal));
        Assert.Equal(0, someoneElse.ErrorCount);
        Assert.Contains(someoneElse.Problems, p => p.Severity == ProblemSeverity.Warning && p.Message.Contains("1 of the staff who would leave has a SafeSocial sign-in", StringComparison.Ordinal));
        Assert.True(someoneElse.Leavers.Single(l => l.SourcedId == "usr-lark-sbm").HasSignIn);
    }

    [Fact]
    public async Task AnApplyThatStopsPartWay_LeavesNothingWritten()
    {
        var school = await RosterSchool.CreateAsync(server, "school-1");
        var generated = SafeSocial.Core.Demo.TrustGenerator.Generate("Heron Learning Trust", new SafeSocial.Core.Demo.TrustSize(1, 1000, 5), school.TodayDate, seed: 11);
        var folder = RosterFixtures.TempFolder();
        OneRosterWriter.Write(folder, OneRosterExport.From(generated));
        var audit = await school.AuditCountAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Stops the work once the first batch of changes has been saved inside the transaction.
        var progress = new StopWhenSaving(stop);

        await using (var ctx = school.Db.LimitedTo(school.School.Id))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new RosterImportService(ctx, school.Db.Clock).ApplyAsync(school.School.Id, folder, new RosterImportOptions(), progress: progress, ct: stop.Token));

        Assert.True(progress.SawASavedBatch);
        Assert.Empty(await school.PupilsAsync());
        Assert.Empty(await school.ParentsAsync());
        Assert.Equal(audit, await school.AuditCountAsync());
    }

    private sealed class StopWhenSaving(CancellationTokenSource stop) : IProgress<RosterProgress>
    {
        public bool SawASavedBatch { get; private set; }

        public void Report(RosterProgress value)
        {
            if (!value.Stage.StartsWith("Saving", StringComparison.Ordinal) || value.Rows == 0) return;
            SawASavedBatch = true;
            stop.Cancel();
        }
    }

    [Fact]
    public async Task ARelative_HasNoParentalResponsibility_UnlessTheFileSaysSo()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "users.csv", t => t
            .Replace(",grades,password\n", ",grades,password,metadata.relationship,metadata.parentalResponsibility\n", StringComparison.Ordinal)
            .Replace(",{LDAP:77},,\n", ",{LDAP:77},,,Grandmother,true\n", StringComparison.Ordinal));

        await school.ApplyCleanAsync(folder);

        var pupils = await school.PupilsAsync();
        Assert.Equal(("Grandmother", true), pupils.Single(p => p.SourcedId == "{LDAP:77}").Parents.Select(l => (l.Relationship, l.HasParentalResponsibility)).Single());
    }
}
