using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>A request for an official account: the case for it, the risk assessment, and an official email on a domain the policy lists.</summary>
public class AccountRequestTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Guid? Id, Core.People.Outcome Outcome)> RequestAsync(AccountWorld w, Guid orgId, AccountRequest r)
    {
        await using var ctx = w.Db.System();
        return await new AccountRegister(ctx, new PolicySettingsService(ctx), w.Clock).RequestAsync(orgId, r, Ct);
    }

    [Fact]
    public async Task AnEmailOnADomainThePolicyDoesNotList_IsRefused_NamingTheAllowedDomains()
    {
        var w = await AccountWorld.CreateAsync(server);
        var (id, outcome) = await RequestAsync(w, w.Orgs.School.Id, AccountWorld.ValidRequest("office@gmail.com"));
        Assert.Null(id);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("OfficialEmail", problem.Field);
        Assert.Contains("@herontrust.org.uk", problem.Message);
        await using var ctx = w.Db.System();
        Assert.False(await ctx.OfficialAccounts.AnyAsync(Ct));
    }

    [Fact]
    public async Task AnEmailOnTheTrustsDomain_IsAccepted_AsRequested_WithThePlatformsMinimumAge_AndAudited()
    {
        var w = await AccountWorld.CreateAsync(server);
        var (id, outcome) = await RequestAsync(w, w.Orgs.School.Id, AccountWorld.ValidRequest("Comms@HeronTrust.org.uk"));
        Assert.True(outcome.Succeeded);
        var account = await w.AccountAsync(id!.Value);
        Assert.Equal(AccountStatus.Requested, account.Status);
        Assert.Equal("comms@herontrust.org.uk", account.OfficialEmail);
        Assert.Equal(13, account.MinimumUserAge);
        await using var ctx = w.Db.System();
        Assert.True(await ctx.AuditEntries.AnyAsync(e => e.EntityType == nameof(OfficialAccount) && e.EntityId == id.ToString(), Ct));
    }

    [Fact]
    public async Task ASchoolsOwnDomains_ReplaceTheTrusts()
    {
        var w = await AccountWorld.CreateAsync(server);
        var (_, refused) = await RequestAsync(w, w.Orgs.Standalone.Id, AccountWorld.ValidRequest("comms@herontrust.org.uk"));
        Assert.Contains(refused.Problems, p => p.Field == "OfficialEmail" && p.Message.Contains("@gamma.sch.uk"));
        var (_, accepted) = await RequestAsync(w, w.Orgs.Standalone.Id, AccountWorld.ValidRequest("office@gamma.sch.uk"));
        Assert.True(accepted.Succeeded);
    }

    [Fact]
    public async Task AnEmptyRequest_NamesEveryFieldToFix()
    {
        var w = await AccountWorld.CreateAsync(server);
        var (_, outcome) = await RequestAsync(w, w.Orgs.School.Id, new AccountRequest());
        var fields = outcome.Problems.Select(p => p.Field).ToList();
        foreach (var f in new[] { "Platform", "Handle", "Purpose", "IntendedOutcomes", "Audience", "ExpectedEngagement", "StaffTime", "Evaluation", "Hazards", "Controls", "AssessedBy", "AssessedOn", "NextReviewOn", "OfficialEmail" })
            Assert.Contains(f, fields);
    }

    [Fact]
    public async Task WithNoDomainListed_TheRequestSaysToAskForOne()
    {
        var w = await AccountWorld.CreateAsync(server);
        await using (var ctx = w.Db.System())
        {
            ctx.PolicySettings.Add(new PolicySettings { Id = Guid.NewGuid(), OrganisationId = w.Orgs.SecondSchool.Id, AccountEmailDomains = "" });
            await ctx.SaveChangesAsync(Ct);
        }
        var (_, outcome) = await RequestAsync(w, w.Orgs.SecondSchool.Id, AccountWorld.ValidRequest("comms@herontrust.org.uk"));
        Assert.Contains(outcome.Problems, p => p.Field == "OfficialEmail" && p.Message.Contains("lists no email domains"));
    }
}
