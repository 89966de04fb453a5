using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>The vault's authenticated encryption: round trip, tampering, moving, and key rotation.</summary>
public class VaultEncryptionTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASecretStoredForAnAccountDecryptsToTheSameDetails()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var account = await world.AccountAsync();
        await world.StoreAsync(account);

        var secret = await world.DecryptAsync(account);

        Assert.NotNull(secret);
        Assert.Equal(VaultWorld.Secret.Username, secret.Username);
        Assert.Equal(VaultWorld.Secret.Password, secret.Password);
        Assert.Equal(VaultWorld.Secret.RecoveryCodes, secret.RecoveryCodes);
        Assert.Equal(VaultWorld.Secret.TwoFactorSeed, secret.TwoFactorSeed);
        Assert.Equal(VaultWorld.Secret.Notes, secret.Notes);
        await using var ctx = world.Db.System();
        var row = await ctx.AccountCredentials.SingleAsync(Ct);
        Assert.Equal("Ann Head", row.ChangedBy);
        Assert.NotNull(row.ChangedByUserId);
    }

    [Fact]
    public async Task StoringAgainReplacesTheDetailsAndAnAccountWithNoneGivesNull()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var account = await world.AccountAsync();
        await world.StoreAsync(account);
        await world.StoreAsync(account, VaultWorld.Secret with { Password = PasswordGenerator.Generate() });

        await using var ctx = world.Db.System();
        Assert.Equal(1, await ctx.AccountCredentials.CountAsync(Ct));
        Assert.NotEqual(VaultWorld.Secret.Password, (await world.DecryptAsync(account))!.Password);
        Assert.Null(await world.DecryptAsync(await world.AccountAsync("@no.details")));
    }

    [Fact]
    public async Task StoringWithoutAUsernameOrPasswordIsRefused()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        await using var ctx = world.Context();
        var outcome = await world.Vault(ctx).StoreAsync(world.School.Id, await world.AccountAsync(), new CredentialSecret(), Ct);
        Assert.Equal(["Username", "Password"], outcome.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task AModifiedCiphertextFailsToDecryptWithAClearError()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var account = await world.AccountAsync();
        await world.StoreAsync(account);
        await using (var ctx = world.Db.System())
        {
            var row = await ctx.AccountCredentials.SingleAsync(Ct);
            var bytes = (byte[])row.Ciphertext.Clone();
            bytes[^10] ^= 0x01;
            row.Ciphertext = bytes;
            await ctx.SaveChangesAsync(Ct);
        }

        var e = await Assert.ThrowsAsync<CredentialUnreadableException>(() => world.DecryptAsync(account));
        Assert.Contains("altered", e.Message);
    }

    [Fact]
    public async Task ACiphertextCopiedOntoAnotherAccountFailsToDecrypt()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var (first, second) = (await world.AccountAsync(), await world.AccountAsync("@alpha.pta"));
        await world.StoreAsync(first);
        await world.StoreAsync(second, VaultWorld.Secret with { Password = "something else entirely" });
        await using (var ctx = world.Db.System())
        {
            var rows = await ctx.AccountCredentials.ToListAsync(Ct);
            rows.Single(r => r.OfficialAccountId == second).Ciphertext = rows.Single(r => r.OfficialAccountId == first).Ciphertext;
            await ctx.SaveChangesAsync(Ct);
        }

        Assert.Equal(VaultWorld.Secret.Password, (await world.DecryptAsync(first))!.Password);
        await Assert.ThrowsAsync<CredentialUnreadableException>(() => world.DecryptAsync(second));
    }

    [Fact]
    public async Task ASecretFromAnOlderKeyStillDecryptsAfterRotationAndReencryptingMovesItToTheNewKey()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var account = await world.AccountAsync();
        await world.StoreAsync(account);
        var keys = world.Protection.GetRequiredService<IKeyManager>();
        var oldKey = Assert.Single(keys.GetAllKeys());
        Assert.Equal(oldKey.KeyId, VaultWorld.KeyIdOf(await CiphertextAsync(world)));

        var now = TimeProvider.System.GetUtcNow();
        var newKey = keys.CreateNewKey(now, now.AddDays(90));
        // A running provider picks up the new key in the background; a fresh one (a restart, another server) reads it at once.
        await using var rotated = VaultWorld.ProtectionFor(world.Db.ConnectionString, world.MasterKey);

        Assert.Equal(VaultWorld.Secret.Password, (await world.DecryptAsync(account, rotated))!.Password);
        await using (var ctx = world.Context())
            Assert.True(await world.Vault(ctx, rotated).ReencryptIfStaleAsync(world.School.Id, account, Ct));
        Assert.Equal(newKey.KeyId, VaultWorld.KeyIdOf(await CiphertextAsync(world)));
        Assert.Equal(VaultWorld.Secret.Password, (await world.DecryptAsync(account, rotated))!.Password);
        await using (var ctx = world.Context())
            Assert.False(await world.Vault(ctx, rotated).ReencryptIfStaleAsync(world.School.Id, account, Ct));
    }

    [Fact]
    public void ASecretNeverPrintsItsFields()
    {
        var text = VaultWorld.Secret.ToString();
        Assert.DoesNotContain(VaultWorld.Secret.Password, text);
        Assert.DoesNotContain(VaultWorld.Secret.Username, text);
    }

    private static async Task<byte[]> CiphertextAsync(VaultWorld world)
    {
        await using var ctx = world.Db.System();
        return (await ctx.AccountCredentials.SingleAsync(Ct)).Ciphertext;
    }
}
