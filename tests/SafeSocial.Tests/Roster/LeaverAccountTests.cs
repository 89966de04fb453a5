using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>An import that marks people as leaving ends what they had on the school's official accounts, in its own transaction.</summary>
public class LeaverAccountTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnImportThatMarksAStaffAdminAndAPupilContributorAsLeavers_EndsTheirAccess_WithTheReasonAudited()
    {
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        await school.ApplyCleanAsync(RosterFixtures.Path("oneroster-1.1"));
        var staff = await school.StaffAsync();
        var pupils = await school.PupilsAsync();
        var (daniel, stayingAdmin) = (staff.Single(s => s.SourcedId == "usr-lark-t-002"), staff.First(s => s.SourcedId != "usr-lark-t-002"));
        var (oliver, stayingPupil) = (pupils.Single(p => p.SourcedId == "usr-lark-s-102"), pupils.First(p => p.SourcedId != "usr-lark-s-102"));
        var accountId = await AccountAsync(school, [daniel.Id, stayingAdmin.Id], [oliver.Id, stayingPupil.Id]);

        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Remove(folder, "usr-lark-s-102,");
        RosterFixtures.Remove(folder, "usr-lark-t-002,");
        await school.ApplyCleanAsync(folder);

        await using var db = school.Db.System();
        Assert.Equal([stayingAdmin.Id], await db.AccountAdmins.Where(a => a.OfficialAccountId == accountId).Select(a => a.StaffMemberId).ToListAsync(Ct));
        Assert.Equal([stayingPupil.Id], await db.PupilContributors.Where(c => c.OfficialAccountId == accountId).Select(c => c.PupilId).ToListAsync(Ct));
        var account = await db.OfficialAccounts.SingleAsync(a => a.Id == accountId, Ct);
        Assert.NotNull(account.PasswordChangeDueSince);
        Assert.Contains("Daniel Osei", account.PasswordChangeDueReason);

        var left = UkTime.Format(school.TodayDate);
        var adminEnded = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(AccountAdmin) && e.Action == "Deleted", Ct);
        Assert.Equal(("Test importer", true), (adminEnded.ActorName, adminEnded.Reason!.StartsWith($"Left on {left}", StringComparison.Ordinal)));
        var pupilEnded = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(PupilContributor) && e.Action == "Deleted", Ct);
        Assert.Equal(("Test importer", true), (pupilEnded.ActorName, pupilEnded.Reason!.StartsWith($"Left the school on {left}", StringComparison.Ordinal)));
    }

    /// <summary>An active account of the school letting pupils contribute, with the given admins and pupil contributors.</summary>
    private static async Task<Guid> AccountAsync(RosterSchool school, Guid[] admins, Guid[] contributors)
    {
        var today = school.TodayDate;
        await using var db = school.Db.System();
        var account = new OfficialAccount
        {
            Id = Guid.NewGuid(), OrganisationId = school.School.Id, Platform = Platform.Instagram, Handle = "@larkrise", Status = AccountStatus.Active,
            Purpose = "News", IntendedOutcomes = "Parents informed", Audience = "Parents", PupilsMayContribute = true, ExpectedEngagement = "Weekly",
            StaffTime = "1 hour a week", Evaluation = "Termly", Hazards = "Pupil images", Controls = "Consent checked", AssessedBy = "Head",
            AssessedOn = today, NextReviewOn = today.AddYears(1), OfficialEmail = "office@larkrise.example.org", MinimumUserAge = 13,
            RequestedAt = school.Clock.GetUtcNow(), RequestedBy = "Head",
        };
        db.OfficialAccounts.Add(account);
        db.AccountAdmins.AddRange(admins.Select(s => new AccountAdmin
            { Id = Guid.NewGuid(), OrganisationId = school.School.Id, OfficialAccountId = account.Id, StaffMemberId = s, AddedOn = today, AddedBy = "Head" }));
        db.PupilContributors.AddRange(contributors.Select(p => new PupilContributor
            { Id = Guid.NewGuid(), OrganisationId = school.School.Id, OfficialAccountId = account.Id, PupilId = p, AddedOn = today, AddedBy = "Head" }));
        await db.SaveChangesAsync(Ct);
        return account.Id;
    }
}
