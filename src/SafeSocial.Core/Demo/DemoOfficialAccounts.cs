using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Demo;

/// <summary>
/// The demo trust's official accounts: its policy lists the demo email domain and both approvers (as the seed
/// trust policies do), the first school has an active account with a trained admin and a request waiting for its headteacher.
/// Between them the accounts show every reminder: training about to expire, no password stored, an account whose only
/// admin's training lapsed, its risk assessment overdue, its password older than the policy allows and due to change.
/// </summary>
internal static class DemoOfficialAccounts
{
    public const string Domain = "demo.safesocial.test";

    public static async Task SeedAsync(SafeSocialDb db, Guid trustId, Guid schoolId, TimeProvider clock, CredentialVault vault)
    {
        var today = UkTime.Today(clock);
        var now = clock.GetUtcNow();
        var settings = await db.PolicySettings.SingleOrDefaultAsync(s => s.OrganisationId == trustId);
        if (settings is null) db.PolicySettings.Add(settings = new PolicySettings { Id = Guid.NewGuid(), OrganisationId = trustId });
        settings.AccountEmailDomains = Domain;
        settings.AccountApprovals = AccountApprovalRoute.HeadteacherThenHeadOfCommunications;

        var staff = await db.StaffMembers.Where(s => s.Email != null && s.Email.EndsWith("@" + Domain)).ToListAsync();
        StaffMember Of(Role role) => staff.Single(s => s.Email == $"{role switch { Role.Headteacher => "headteacher", Role.HeadOfCommunications => "head-of-communications", Role.Teacher => "teacher", Role.DeputyDesignatedSafeguardingLead => "deputy-designated-safeguarding-lead", _ => "e-safety-coordinator" }}@{Domain}");
        var (head, comms, esafety) = (Of(Role.Headteacher), Of(Role.HeadOfCommunications), Of(Role.ESafetyCoordinator));

        var active = Account(schoolId, Platform.Instagram, "@alpha.primary", AccountStatus.Active, today, now.AddDays(-60));
        var waiting = Account(schoolId, Platform.FacebookPage, "Alpha Primary PTA news", AccountStatus.Requested, today, now.AddDays(-2));
        db.OfficialAccounts.AddRange(active, waiting);
        db.AccountApprovals.AddRange(
            Approval(active, ApprovalStep.Headteacher, head, now.AddDays(-58)),
            Approval(active, ApprovalStep.HeadOfCommunications, comms, now.AddDays(-57)));
        db.TrainingRecords.Add(new TrainingRecord
        {
            Id = Guid.NewGuid(), OrganisationId = esafety.OrganisationId, StaffMemberId = esafety.Id, Type = TrainingRecord.OfficialAccountTraining,
            CompletedOn = today.AddMonths(-3), ExpiresOn = today.AddMonths(9),
        });
        db.AccountAdmins.Add(new AccountAdmin
        {
            Id = Guid.NewGuid(), OrganisationId = schoolId, OfficialAccountId = active.Id, StaffMemberId = esafety.Id,
            AddedOn = today.AddDays(-56), AddedBy = head.FullName,
        });
        await db.SaveChangesAsync();
        await vault.StoreAsync(schoolId, active.Id, DemoCredentials.For(active));
        await SeedRemindersAsync(db, schoolId, active, head, comms, Of(Role.Teacher), Of(Role.DeputyDesignatedSafeguardingLead), clock, vault);
    }

    /// <summary>A second admin whose training expires soon, and a sports account that needs every kind of attention.</summary>
    private static async Task SeedRemindersAsync(SafeSocialDb db, Guid schoolId, OfficialAccount active, StaffMember head, StaffMember comms,
        StaffMember teacher, StaffMember deputy, TimeProvider clock, CredentialVault vault)
    {
        var today = UkTime.Today(clock);
        var now = clock.GetUtcNow();
        db.TrainingRecords.AddRange(
            Training(teacher, today.AddMonths(-11), today.AddDays(20)),
            Training(deputy, today.AddYears(-2), today.AddDays(-12)));
        db.AccountAdmins.Add(Admin(active, teacher, today.AddDays(-40), head));

        var sport = Account(schoolId, Platform.X, "@alpha.sport", AccountStatus.Active, today, now.AddDays(-500));
        sport.Purpose = "Share fixtures and results of the school's sports teams.";
        sport.AssessedOn = today.AddYears(-1).AddDays(-10);
        sport.NextReviewOn = today.AddDays(-10);
        db.OfficialAccounts.Add(sport);
        db.AccountApprovals.AddRange(
            Approval(sport, ApprovalStep.Headteacher, head, now.AddDays(-498)),
            Approval(sport, ApprovalStep.HeadOfCommunications, comms, now.AddDays(-497)));
        db.AccountAdmins.Add(Admin(sport, deputy, today.AddDays(-490), head));
        // Set up last week, its password not yet in the vault.
        var music = Account(schoolId, Platform.Bluesky, "@alpha.music", AccountStatus.Active, today, now.AddDays(-20));
        music.Purpose = "Share the choir's and orchestra's concerts with families.";
        db.OfficialAccounts.Add(music);
        db.AccountApprovals.AddRange(
            Approval(music, ApprovalStep.Headteacher, head, now.AddDays(-18)),
            Approval(music, ApprovalStep.HeadOfCommunications, comms, now.AddDays(-17)));
        db.AccountAdmins.Add(Admin(music, teacher, today.AddDays(-7), head));
        await db.SaveChangesAsync();

        // Stored more than a year ago (the default policy: changed every 365 days), then an admin's access ended.
        await vault.StoreAsync(schoolId, sport.Id, new CredentialSecret { Username = $"sport@{Domain}", Password = PasswordGenerator.Generate() });
        var credential = await db.AccountCredentials.SingleAsync(c => c.OfficialAccountId == sport.Id);
        credential.ChangedAt = now.AddDays(-400);
        sport.PasswordChangeDueSince = now.AddDays(-3);
        sport.PasswordChangeDueReason = $"A former PE lead: Left on {UkTime.Format(today.AddDays(-3))}";
        await db.SaveChangesAsync();
    }

    private static TrainingRecord Training(StaffMember who, DateOnly completed, DateOnly expires) => new()
    {
        Id = Guid.NewGuid(), OrganisationId = who.OrganisationId, StaffMemberId = who.Id, Type = TrainingRecord.OfficialAccountTraining,
        CompletedOn = completed, ExpiresOn = expires,
    };

    private static AccountAdmin Admin(OfficialAccount account, StaffMember who, DateOnly on, StaffMember by) => new()
    {
        Id = Guid.NewGuid(), OrganisationId = account.OrganisationId, OfficialAccountId = account.Id, StaffMemberId = who.Id, AddedOn = on, AddedBy = by.FullName,
    };

    private static OfficialAccount Account(Guid orgId, Platform platform, string handle, AccountStatus status, DateOnly today, DateTimeOffset requestedAt) => new()
    {
        Id = Guid.NewGuid(), OrganisationId = orgId, Platform = platform, Handle = handle, Status = status,
        Purpose = "Share the school's news and celebrate pupils' learning with families.",
        IntendedOutcomes = "Parents know what is happening in school; more families come to events.",
        Audience = "Parents, carers and the local community", StaffMayContribute = true,
        ExpectedEngagement = "Three posts a week; comments are turned off.", StaffTime = "About an hour a week from the office and class teachers",
        Evaluation = "A termly look at reach and a parent survey question each summer",
        Hazards = "A pupil without photo consent is shown; a name is given with a photo; an inappropriate comment.",
        Controls = "Every post is checked against consent before it goes out; first names only; comments off.",
        AssessedBy = "Headteacher", AssessedOn = today.AddMonths(-2), NextReviewOn = today.AddMonths(10),
        OfficialEmail = $"office@{Domain}", MinimumUserAge = Platforms.MinimumAge(platform),
        RequestedAt = requestedAt, RequestedBy = "E-safety coordinator",
    };

    private static AccountApproval Approval(OfficialAccount account, ApprovalStep step, StaffMember by, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), OrganisationId = account.OrganisationId, OfficialAccountId = account.Id, Step = step,
        Decision = ApprovalDecision.Approve, DecidedByStaffMemberId = by.Id, DecidedBy = by.FullName, DecidedAt = at,
    };
}
