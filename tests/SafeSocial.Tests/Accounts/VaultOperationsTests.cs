using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Data;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Hosting;

namespace SafeSocial.Tests.Accounts;

/// <summary>The vault's upkeep: re-encrypting after a key rotation, and changing the master key, as the commands run them.</summary>
public class VaultOperationsTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The services a command gets: the application's Core services and Data Protection under the given master key.</summary>
    private static ServiceProvider CommandServices(VaultWorld world, VaultMasterKey masterKey, params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());
        services.AddScoped<OrganisationScope>().AddScoped<AuditContext>();
        services.AddDbContext<SafeSocialDb>(o => o.UseNpgsql(world.Db.ConnectionString));
        services.AddDataProtection().SetApplicationName("SafeSocial").PersistKeysToSafeSocialDatabase(world.Db.ConnectionString, masterKey);
        services.AddCoreServices();
        return services.BuildServiceProvider();
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(ServiceProvider sp, Func<IServiceProvider, TextWriter, TextWriter, Task<int>> command)
    {
        await using var scope = sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<SafeSocialDb>().Scope.OpenForSystemWork();
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await command(scope.ServiceProvider, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private static async Task<List<Guid>> KeyIdsAsync(VaultWorld world)
    {
        await using var ctx = world.Db.System();
        return (await ctx.AccountCredentials.OrderBy(c => c.OfficialAccountId).Select(c => c.Ciphertext).ToListAsync(Ct)).Select(VaultWorld.KeyIdOf).ToList();
    }

    private static async Task<List<Guid>> ThreeAccountsWithSecretsAsync(VaultWorld world)
    {
        List<Guid> accounts = [await world.AccountAsync("@one"), await world.AccountAsync("@two"), await world.AccountAsync("@three")];
        foreach (var (account, i) in accounts.Select((a, i) => (a, i))) await world.StoreAsync(account, VaultWorld.Secret with { Password = $"Secret-{i}-Heron-Lantern" });
        return accounts.Order().ToList();
    }

    [Fact]
    public async Task AfterARotationTheReencryptCommandMovesEveryCredentialOntoTheNewKeyAndASecondRunChangesNothing()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var accounts = await ThreeAccountsWithSecretsAsync(world);
        var oldKey = Assert.Single(world.Protection.GetRequiredService<IKeyManager>().GetAllKeys()).KeyId;
        Assert.All(await KeyIdsAsync(world), k => Assert.Equal(oldKey, k));
        var now = TimeProvider.System.GetUtcNow();
        var newKey = world.Protection.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90)).KeyId;

        // As after a restart: a fresh provider reads the rotated ring at once.
        await using var sp = CommandServices(world, world.MasterKey);
        var first = await RunAsync(sp, (s, o, _) => VaultCommands.ReencryptAsync(s, o));

        Assert.Equal(0, first.Exit);
        Assert.Contains("3 of 3 checked", first.Output);
        Assert.Contains("Checked 3 stored credential(s): 3 re-encrypted under the current key, 0 already on it", first.Output);
        Assert.All(await KeyIdsAsync(world), k => Assert.Equal(newKey, k));
        await using (var ctx = world.Db.System())
            Assert.Equal(3, await ctx.AuditEntries.CountAsync(a => a.EntityType == nameof(AccountCredential) && a.Action == "Modified" && a.ActorName == VaultReencryption.ActorName, Ct));
        foreach (var (account, i) in accounts.Select((a, i) => (a, i)))
            Assert.StartsWith("Secret-", (await world.DecryptAsync(account, sp))!.Password);

        var second = await RunAsync(sp, (s, o, _) => VaultCommands.ReencryptAsync(s, o));
        Assert.Equal(0, second.Exit);
        Assert.Contains("0 re-encrypted under the current key, 3 already on it", second.Output);
        Assert.All(await KeyIdsAsync(world), k => Assert.Equal(newKey, k));
    }

    [Fact]
    public async Task ReencryptingReportsACredentialItCannotReadAndCarriesOnWithTheRest()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var accounts = await ThreeAccountsWithSecretsAsync(world);
        await using (var ctx = world.Db.System())
        {
            var row = await ctx.AccountCredentials.SingleAsync(c => c.OfficialAccountId == accounts[1], Ct);
            var bytes = (byte[])row.Ciphertext.Clone();
            bytes[^5] ^= 0x01;
            row.Ciphertext = bytes;
            await ctx.SaveChangesAsync(Ct);
        }
        var now = TimeProvider.System.GetUtcNow();
        var newKey = world.Protection.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90)).KeyId;
        await using var sp = CommandServices(world, world.MasterKey);

        var run = await RunAsync(sp, (s, o, _) => VaultCommands.ReencryptAsync(s, o));

        Assert.Equal(1, run.Exit);
        Assert.Contains($"2 re-encrypted under the current key, 0 already on it, 1 could not be decrypted (official account(s) {accounts[1]})", run.Output);
        Assert.Equal(newKey, (await KeyIdsAsync(world))[0]);
        Assert.Equal(newKey, (await KeyIdsAsync(world))[2]);
    }

    [Fact]
    public async Task ChangingTheMasterKeyRewrapsTheRingSoOnlyTheNewKeyOpensItAndEverySecretStillDecrypts()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var accounts = await ThreeAccountsWithSecretsAsync(world);
        var now = TimeProvider.System.GetUtcNow();
        world.Protection.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
        var next = VaultMasterKey.Generate();
        var file = Path.Combine(Path.GetTempPath(), $"safesocial-new-key-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, next.ToBase64() + "\n", Ct);
        try
        {
            await using var sp = CommandServices(world, world.MasterKey);
            var run = await RunAsync(sp, (s, o, e) => VaultCommands.ChangeMasterKeyAsync(s, ["--new-key-file", file], o, e));

            Assert.True(run.Exit == 0, run.Errors);
            Assert.Contains($"Re-wrapped 2 Data Protection key(s) under the new master key (fingerprint {next.Fingerprint})", run.Output);
        }
        finally { File.Delete(file); }

        var ring = new DatabaseKeyRing(world.Db.ConnectionString, TimeProvider.System);
        Assert.Contains("different master key", ring.ProblemWithMasterKey(world.MasterKey));
        Assert.Null(ring.ProblemWithMasterKey(next));
        await using (var ctx = world.Db.System())
        {
            var keys = await ctx.DataProtectionKeys.ToListAsync(Ct);
            Assert.Equal(2, keys.Count);
            Assert.All(keys, k => Assert.Equal(next.Fingerprint,
                (string?)XElement.Parse(k.Xml).Descendants(MasterKeyXmlEncryptor.ElementName).Single().Attribute("masterKey")));
            var audited = await ctx.AuditEntries.Where(a => a.EntityType == nameof(DataProtectionKey) && a.Action == "Modified").ToListAsync(Ct);
            Assert.Equal(2, audited.Count);
            Assert.All(audited, a => Assert.Contains("Master key changed", a.Reason));
            Assert.All(audited, a => Assert.DoesNotContain(next.ToBase64(), a.Changes));
        }
        await using var withNew = VaultWorld.ProtectionFor(world.Db.ConnectionString, next);
        foreach (var account in accounts)
            Assert.StartsWith("Secret-", (await world.DecryptAsync(account, withNew))!.Password);
        // Last, as the old key may add a key of its own when it cannot read the ring (the startup check stops that in the app).
        await using var withOld = VaultWorld.ProtectionFor(world.Db.ConnectionString, world.MasterKey);
        await Assert.ThrowsAsync<CredentialUnreadableException>(() => world.DecryptAsync(accounts[0], withOld));
    }

    [Fact]
    public async Task ChangingTheMasterKeyRefusesWhenTheCurrentKeyCannotReadTheRingAndChangesNothing()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var account = await world.AccountAsync();
        await world.StoreAsync(account);
        await using var ctx0 = world.Db.System();
        var before = (await ctx0.DataProtectionKeys.SingleAsync(Ct)).Xml;

        await using var sp = CommandServices(world, VaultMasterKey.Generate(), (VaultCommands.NewKeySetting, VaultMasterKey.Generate().ToBase64()));
        var run = await RunAsync(sp, (s, o, e) => VaultCommands.ChangeMasterKeyAsync(s, [], o, e));

        Assert.Equal(1, run.Exit);
        Assert.Contains("Nothing was changed: the current master key cannot read Data Protection key", run.Errors);
        Assert.Contains("different master key", run.Errors);
        await using var ctx = world.Db.System();
        Assert.Equal(before, (await ctx.DataProtectionKeys.SingleAsync(Ct)).Xml);
        Assert.Equal(VaultWorld.Secret.Password, (await world.DecryptAsync(account))!.Password);
    }

    [Fact]
    public async Task ChangingTheMasterKeyRefusesWhileASiteRunsOnTheDatabaseAndGoesAheadOnceItHasStopped()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var account = await world.AccountAsync();
        await world.StoreAsync(account);
        var next = VaultMasterKey.Generate();
        await using var sp = CommandServices(world, world.MasterKey, (VaultCommands.NewKeySetting, next.ToBase64()));
        var ring = new DatabaseKeyRing(world.Db.ConnectionString, TimeProvider.System);

        await using (await RunningSiteLock.HoldAsync(world.Db.ConnectionString, Ct))
        {
            var refused = await RunAsync(sp, (s, o, e) => VaultCommands.ChangeMasterKeyAsync(s, [], o, e));
            Assert.Equal(1, refused.Exit);
            Assert.Contains("Nothing was changed: SafeSocial is running on this database", refused.Errors);
            Assert.Null(ring.ProblemWithMasterKey(world.MasterKey));
        }

        var run = await RunAsync(sp, (s, o, e) => VaultCommands.ChangeMasterKeyAsync(s, [], o, e));
        Assert.True(run.Exit == 0, run.Errors);
        Assert.Null(ring.ProblemWithMasterKey(next));
    }

    [Fact]
    public async Task ChangingTheMasterKeyWithNoNewKeyGivenSaysHowToGiveOne()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        await using var sp = CommandServices(world, world.MasterKey);
        var run = await RunAsync(sp, (s, o, e) => VaultCommands.ChangeMasterKeyAsync(s, [], o, e));
        Assert.Equal(CommandExit.Usage, run.Exit);
        Assert.Contains("SafeSocial__NewMasterKey", run.Errors);
        Assert.Contains("--new-key-file", run.Errors);
    }
}
