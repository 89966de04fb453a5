using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;

namespace SafeSocial.Web.Hosting;

/// <summary>`vault-reencrypt` and `change-master-key`: the credential vault's upkeep by hand.</summary>
public static class VaultCommands
{
    public const string NewKeySetting = "SafeSocial:NewMasterKey";

    /// <summary>Re-encrypts every credential made under an older Data Protection key; exit 1 when any could not be read.</summary>
    public static async Task<int> ReencryptAsync(IServiceProvider sp, string[] args) => await ReencryptAsync(sp, Console.Out);

    public static async Task<int> ReencryptAsync(IServiceProvider sp, TextWriter output)
    {
        output.WriteLine("Re-encrypting stored credentials made under an older Data Protection key...");
        var report = await sp.GetRequiredService<VaultReencryption>().RunAsync((done, total) =>
        {
            if (done % 100 == 0 || done == total) output.WriteLine($"  {done} of {total} checked");
        });
        output.WriteLine(report);
        return report.Unreadable.Count > 0 ? CommandExit.NotDone : CommandExit.Done;
    }

    /// <summary>Re-wraps the key ring under a new master key: SafeSocial__NewMasterKey or --new-key-file PATH. Exit 0 when done.</summary>
    public static Task<int> ChangeMasterKeyAsync(IServiceProvider sp, string[] args) => ChangeMasterKeyAsync(sp, args, Console.Out, Console.Error);

    public static async Task<int> ChangeMasterKeyAsync(IServiceProvider sp, string[] args, TextWriter output, TextWriter errors)
    {
        VaultMasterKey next;
        try
        {
            if (ReadNewKey(sp.GetRequiredService<IConfiguration>(), args) is not { } key)
            {
                await errors.WriteLineAsync("Give the new master key: set SafeSocial__NewMasterKey to 32 random bytes in base64 (e.g. from 'openssl rand -base64 32'), " +
                    "or pass --new-key-file PATH naming a file that holds them. Stop SafeSocial first; the current key comes from SafeSocial__MasterKey or SafeSocial__MasterKeyFile as usual.");
                return CommandExit.Usage;
            }
            next = key;
        }
        catch (InvalidOperationException e)
        {
            await errors.WriteLineAsync(e.Message);
            return CommandExit.Usage;
        }
        var db = sp.GetRequiredService<SafeSocialDb>();
        db.Audit.ActorName = "SafeSocial change-master-key command";
        var result = await sp.GetRequiredService<MasterKeyChange>().RunAsync(sp.GetRequiredService<VaultMasterKey>(), next);
        await (result.Changed ? output : errors).WriteLineAsync(result.Message);
        return result.Changed ? CommandExit.Done : CommandExit.NotDone;
    }

    private static VaultMasterKey? ReadNewKey(IConfiguration configuration, string[] args)
    {
        var at = Array.IndexOf(args, "--new-key-file");
        if (at >= 0)
        {
            if (at + 1 >= args.Length) throw new InvalidOperationException("--new-key-file needs the path of the file holding the new master key.");
            var path = args[at + 1];
            return File.Exists(path)
                ? VaultMasterKey.FromBase64(File.ReadAllText(path), path)
                : throw new InvalidOperationException($"The new master key file {path} does not exist.");
        }
        return configuration[NewKeySetting] is { Length: > 0 } text ? VaultMasterKey.FromBase64(text, $"{NewKeySetting} (environment variable SafeSocial__NewMasterKey)") : null;
    }
}
