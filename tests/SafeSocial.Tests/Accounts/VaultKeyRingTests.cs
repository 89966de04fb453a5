using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Accounts;

/// <summary>The key ring lives in the database encrypted by the master key; a dump holds no secret in plain text.</summary>
public class VaultKeyRingTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheKeyRingIsStoredInTheDatabaseWithItsKeysEncryptedByTheMasterKey()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        await world.StoreAsync(await world.AccountAsync());

        await using var ctx = world.Db.System();
        var stored = Assert.Single(await ctx.DataProtectionKeys.ToListAsync(Ct));
        var xml = XElement.Parse(stored.Xml);
        Assert.Empty(xml.Descendants("masterKey"));
        var encrypted = Assert.Single(xml.Descendants(MasterKeyXmlEncryptor.ElementName));
        Assert.Equal(world.MasterKey.Fingerprint, (string?)encrypted.Attribute("masterKey"));

        // Decrypted with the master key, it is Data Protection's own key, secret and all.
        var plain = new MasterKeyXmlDecryptor(world.MasterKey).Decrypt(encrypted);
        Assert.Equal("masterKey", plain.Name.LocalName);
        Assert.NotEmpty(plain.Descendants("value").Single().Value);
    }

    [Fact]
    public async Task AWrongMasterKeyCannotReadTheKeyRingOrTheSecrets()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var account = await world.AccountAsync();
        await world.StoreAsync(account);
        await using var ctx = world.Db.System();
        var encrypted = XElement.Parse((await ctx.DataProtectionKeys.SingleAsync(Ct)).Xml).Descendants(MasterKeyXmlEncryptor.ElementName).Single();

        var wrong = VaultMasterKey.Generate();
        var e = Assert.Throws<CryptographicException>(() => new MasterKeyXmlDecryptor(wrong).Decrypt(encrypted));
        Assert.Contains("different master key", e.Message);
        // Startup refuses a master key that does not open the stored ring, rather than start afresh.
        Assert.Contains("different master key", new DatabaseKeyRing(world.Db.ConnectionString, TimeProvider.System).ProblemWithMasterKey(wrong));
        Assert.Null(new DatabaseKeyRing(world.Db.ConnectionString, TimeProvider.System).ProblemWithMasterKey(world.MasterKey));
        await using var wrongProtection = VaultWorld.ProtectionFor(world.Db.ConnectionString, wrong);
        await Assert.ThrowsAsync<CredentialUnreadableException>(() => world.DecryptAsync(account, wrongProtection));
        // The right key still opens the credential (the wrong one may have added a key of its own: hence the startup check).
        Assert.Equal(VaultWorld.Secret.Password, (await world.DecryptAsync(account))!.Password);
    }

    [Fact]
    public async Task ADumpOfTheDatabaseAndItsAuditTrailHoldNoSecretInPlainText()
    {
        await using var world = await VaultWorld.CreateAsync(server);
        var account = await world.AccountAsync();
        await world.StoreAsync(account);
        await world.StoreAsync(account, VaultWorld.Secret with { Notes = VaultWorld.Secret.Notes + " (changed)" });
        Assert.NotNull(await world.DecryptAsync(account));
        await using var ctx = world.Db.System();
        var ciphertext = (await ctx.AccountCredentials.SingleAsync(Ct)).Ciphertext;
        var keyXml = (await ctx.DataProtectionKeys.SingleAsync(Ct)).Xml;

        var dump = PgDump(world.Db.ConnectionString);
        Assert.Contains("AccountCredentials", dump);
        string[] secrets = [VaultWorld.Secret.Username, VaultWorld.Secret.Password, VaultWorld.Secret.Notes!, VaultWorld.Secret.TwoFactorSeed!, VaultWorld.Secret.RecoveryCodes[0]];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, dump);
            // bytea columns are dumped as hex: plain text stored there would show this way.
            Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), dump);
        }

        var trail = string.Join("\n", await ctx.AuditEntries.Select(a => a.Action + " " + a.EntityType + " " + a.Changes + " " + a.Reason).ToListAsync(Ct));
        Assert.Contains("AccountCredential", trail);
        Assert.Contains("Decrypted", trail);
        Assert.Contains("DataProtectionKey", trail);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, trail);
        Assert.DoesNotContain(Convert.ToBase64String(ciphertext), trail);
        Assert.DoesNotContain(Convert.ToBase64String(ciphertext)[..40], trail);
        Assert.DoesNotContain(keyXml[..60], trail.Replace("\\u003C", "<").Replace("\\u0022", "\""));
    }

    private static string PgDump(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var bin = LocalPostgresCluster.FindBinaries() ?? throw new InvalidOperationException(LocalPostgresCluster.MissingBinariesMessage);
        var start = new ProcessStartInfo(Path.Combine(bin, "pg_dump"), ["-h", c.Host!, "-p", c.Port.ToString(), "-U", c.Username!, "-d", c.Database!])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(Ct);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors.Result);
        return output;
    }
}
