using SafeSocial.Core.Accounts;
using SafeSocial.Core.Data;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.Policy;

namespace SafeSocial.Tests.Accounts;

/// <summary>A trust with two schools and a standalone school, whose policy lists account email domains, plus people with sign-ins.</summary>
internal sealed class AccountWorld
{
    public static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 10, 1);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public required PolicyWorld Orgs { get; init; }
    public FakeClock Clock { get; } = new(Now);
    public TestDb Db => Orgs.Db;

    public static async Task<AccountWorld> CreateAsync(PostgresServer server)
    {
        var clock = new FakeClock(Now);
        var world = new AccountWorld { Orgs = await PolicyWorld.CreateAsync(server, clock) };
        await using var ctx = world.Db.System();
        ctx.PolicySettings.Add(new PolicySettings { Id = Guid.NewGuid(), OrganisationId = world.Orgs.Trust.Id, AccountEmailDomains = "herontrust.org.uk", AccountApprovals = AccountApprovalRoute.HeadteacherThenHeadOfCommunications });
        ctx.PolicySettings.Add(new PolicySettings { Id = Guid.NewGuid(), OrganisationId = world.Orgs.Standalone.Id, AccountEmailDomains = "gamma.sch.uk" });
        await ctx.SaveChangesAsync(Ct);
        return world;
    }

    /// <summary>A staff member holding a role, with a sign-in account.</summary>
    public async Task<(StaffMember Staff, Guid UserId)> PersonAsync(Guid orgId, string name, Role role, string? email = null)
    {
        var user = new AppUser { Id = Guid.NewGuid(), UserName = $"{name}@x.test", DisplayName = name };
        await using (var ctx = Db.System())
        {
            ctx.Users.Add(user);
            await ctx.SaveChangesAsync(Ct);
        }
        return (await RecordAsync(orgId, name, role, user.Id, email), user.Id);
    }

    /// <summary>A staff record for an existing sign-in: one person may hold a record at a school and another at its trust.</summary>
    public async Task<StaffMember> RecordAsync(Guid orgId, string name, Role role, Guid userId, string? email = null)
    {
        var staff = await Orgs.StaffAsync(orgId, name, "Person", role);
        await using var ctx = Db.System();
        ctx.StaffMembers.Attach(staff);
        (staff.UserId, staff.Email) = (userId, email);
        await ctx.SaveChangesAsync(Ct);
        return staff;
    }

    /// <summary>A request for a new account, made by the given person.</summary>
    public async Task<Guid> RequestAsAsync(Guid userId, Guid orgId, string email)
    {
        await using var ctx = As(userId, "Rita Person");
        var (id, outcome) = await new AccountRegister(ctx, new PolicySettingsService(ctx), Clock).RequestAsync(orgId, ValidRequest(email), Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        return id!.Value;
    }

    /// <summary>A context acting as the given signed-in person.</summary>
    public SafeSocialDb As(Guid? userId, string name = "Tester")
    {
        var ctx = Db.System(name);
        ctx.Audit.ActorUserId = userId;
        return ctx;
    }

    public static AccountRequest ValidRequest(string email) => new()
    {
        Platform = Platform.FacebookPage, Handle = "AlphaPrimary", Address = "https://www.facebook.com/alphaprimary",
        Purpose = "Share school news", IntendedOutcomes = "Parents informed", Audience = "Parents and the community",
        StaffMayContribute = true, ExpectedEngagement = "Two posts a week", StaffTime = "One hour a week",
        Evaluation = "Termly review of reach", Hazards = "Pupils identified in photos", Controls = "Consent check before posting",
        AssessedBy = "A Head", AssessedOn = Today.AddDays(-3), NextReviewOn = Today.AddYears(1), OfficialEmail = email,
    };

    public async Task<Guid> RequestAsync(Guid orgId, string email)
    {
        await using var ctx = Db.System();
        var (id, outcome) = await new AccountRegister(ctx, new PolicySettingsService(ctx), Clock).RequestAsync(orgId, ValidRequest(email), Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        return id!.Value;
    }

    public async Task<Core.People.Outcome> DecideAsync(Guid? userId, Guid orgId, Guid accountId, ApprovalDecision decision, string? reason = null) =>
        (await DecisionAsync(userId, orgId, accountId, decision, reason)).Outcome;

    public async Task<ApprovalResult> DecisionAsync(Guid? userId, Guid orgId, Guid accountId, ApprovalDecision decision, string? reason = null)
    {
        await using var ctx = As(userId);
        return await new AccountApprovals(ctx, new PolicySettingsService(ctx), Clock).DecideAsync(orgId, accountId, decision, reason, Ct);
    }

    public AdminApprovals AdminApprovals(SafeSocialDb ctx) =>
        new(ctx, new AccountAdmins(ctx, Clock), new AccountApprovals(ctx, new PolicySettingsService(ctx), Clock), Clock);

    /// <summary>Asks, as the given person, for a staff member to become an admin of the account.</summary>
    public async Task<(Guid? Id, ApprovalResult Result)> AskAdminAsync(Guid? byUserId, Guid orgId, Guid accountId, Guid? staffId)
    {
        await using var ctx = As(byUserId, "Asker");
        return await AdminApprovals(ctx).RequestAsync(orgId, accountId, staffId, Ct);
    }

    public async Task<ApprovalResult> DecideAdminAsync(Guid? userId, Guid orgId, Guid accountId, Guid requestId, ApprovalDecision decision, string? reason = null)
    {
        await using var ctx = As(userId);
        return await AdminApprovals(ctx).DecideAsync(orgId, accountId, requestId, decision, reason, Ct);
    }

    /// <summary>Makes the staff member an admin: asked for by the system, approved by each approver in turn.</summary>
    public async Task AddAdminAsync(Guid orgId, Guid accountId, Guid staffId, params Guid[] approvers)
    {
        var (id, asked) = await AskAdminAsync(null, orgId, accountId, staffId);
        Assert.True(asked.Outcome.Succeeded, string.Join("; ", asked.Outcome.Problems.Select(p => p.Message)));
        foreach (var approver in approvers)
        {
            var decided = await DecideAdminAsync(approver, orgId, accountId, id!.Value, ApprovalDecision.Approve);
            Assert.True(decided.Outcome.Succeeded, string.Join("; ", decided.Outcome.Problems.Select(p => p.Message)));
        }
    }

    public async Task<OfficialAccount> AccountAsync(Guid accountId)
    {
        await using var ctx = Db.System();
        return await new AccountRegister(ctx, new PolicySettingsService(ctx), Clock).FindAsync(ctx.OfficialAccounts.Single(a => a.Id == accountId).OrganisationId, accountId, Ct)
               ?? throw new InvalidOperationException();
    }
}
