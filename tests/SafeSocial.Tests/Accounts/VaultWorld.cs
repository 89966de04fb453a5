using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Tests.Accounts;

/// <summary>A school, its database, and Data Protection set up as the application sets it up: key ring in the database.</summary>
internal sealed class VaultWorld(TestDb db, Org school, VaultMasterKey masterKey, ServiceProvider protection) : IAsyncDisposable
{
    public TestDb Db => db;
    public Org School => school;
    public VaultMasterKey MasterKey => masterKey;
    public ServiceProvider Protection => protection;

    public static readonly CredentialSecret Secret = new()
    {
        Username = "office-fb-zebrafinch",
        Password = "Quokka-Lantern-7731-Sapphire!",
        RecoveryCodes = ["RC-PLUM-4411", "RC-FERN-8823"],
        TwoFactorSeed = "JBSWY3DPEHPK3PXPVAULTSEED",
        Notes = "Ask Mrs Thistlewood-Barraclough for the recovery phone",
    };

    public static async Task<VaultWorld> CreateAsync(PostgresServer server)
    {
        var db = await TestDb.CreateAsync(server);
        var school = new Org { Id = Guid.NewGuid(), Kind = OrganisationKind.School, Name = "Alpha Primary" };
        await using (var ctx = db.System())
        {
            ctx.Organisations.Add(school);
            await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var key = VaultMasterKey.Generate();
        return new VaultWorld(db, school, key, ProtectionFor(db.ConnectionString, key));
    }

    /// <summary>Data Protection as ServiceSetup configures it, on the given database and master key.</summary>
    public static ServiceProvider ProtectionFor(string connectionString, VaultMasterKey key)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDataProtection().SetApplicationName("SafeSocial").PersistKeysToSafeSocialDatabase(connectionString, key);
        return services.BuildServiceProvider();
    }

    public SafeSocialDb Context(string actor = "Ann Head")
    {
        var ctx = db.LimitedTo(school.Id);
        ctx.Audit.ActAs(Guid.NewGuid(), actor, "127.0.0.1");
        return ctx;
    }

    public CredentialVault Vault(SafeSocialDb ctx, ServiceProvider? using_ = null) =>
        new(ctx, (using_ ?? protection).GetRequiredService<IDataProtectionProvider>());

    /// <summary>A real official account of the school (credentials need one: their foreign key refuses a made-up id).</summary>
    public async Task<Guid> AccountAsync(string handle = "@alpha.primary")
    {
        await using var ctx = db.System();
        var account = new OfficialAccount
        {
            Id = Guid.NewGuid(), OrganisationId = school.Id, Platform = Platform.Instagram, Handle = handle, Status = AccountStatus.Active,
            Purpose = "School news", IntendedOutcomes = "Parents informed", Audience = "Parents", ExpectedEngagement = "Weekly",
            StaffTime = "An hour a week", Evaluation = "Termly", Hazards = "Photos", Controls = "Consent check", AssessedBy = "A Head",
            AssessedOn = new DateOnly(2026, 1, 5), NextReviewOn = new DateOnly(2027, 1, 5), OfficialEmail = "office@alpha.sch.uk",
            MinimumUserAge = 13, RequestedAt = TimeProvider.System.GetUtcNow(), RequestedBy = "A Head",
        };
        ctx.OfficialAccounts.Add(account);
        await ctx.SaveChangesAsync(TestContext.Current.CancellationToken);
        return account.Id;
    }

    public async Task StoreAsync(Guid accountId, CredentialSecret? secret = null)
    {
        await using var ctx = Context();
        var outcome = await Vault(ctx).StoreAsync(school.Id, accountId, secret ?? Secret, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded);
    }

    public async Task<CredentialSecret?> DecryptAsync(Guid accountId, ServiceProvider? using_ = null)
    {
        await using var ctx = Context();
        return await Vault(ctx, using_).DecryptAsync(school.Id, accountId, "Posting the open evening photos", TestContext.Current.CancellationToken);
    }

    /// <summary>Data Protection's payload starts with a 4-byte magic header, then the id of the key that made it.</summary>
    public static Guid KeyIdOf(byte[] ciphertext) => new(ciphertext.AsSpan(4, 16));

    public ValueTask DisposeAsync() => protection.DisposeAsync();
}
