using SafeSocial.Core.Accounts.Vault;

namespace SafeSocial.Web.Hosting;

/// <summary>A warning about the master key for the startup log (a development key made or used).</summary>
public sealed record MasterKeyNotice(string Message);

/// <summary>
/// Finds the master key that encrypts the key ring: SafeSocial:MasterKey (base64), else the file named by
/// SafeSocial:MasterKeyFile. Outside Production, with neither set, a key is generated once into the data folder.
/// </summary>
public static class MasterKeySetup
{
    public const string KeySetting = "SafeSocial:MasterKey";
    public const string FileSetting = "SafeSocial:MasterKeyFile";
    public const string GeneratedFileName = "master-key";

    /// <summary>The key, or null with the problem to print: Production must supply one, and a bad one is named.</summary>
    public static VaultMasterKey? Load(WebApplicationBuilder builder, out string? problem)
    {
        problem = null;
        var configuration = builder.Configuration;
        try
        {
            if (configuration[KeySetting] is { Length: > 0 } text)
                return VaultMasterKey.FromBase64(text, $"{KeySetting} (environment variable SafeSocial__MasterKey)");
            if (configuration[FileSetting] is { Length: > 0 } path)
                return File.Exists(path)
                    ? VaultMasterKey.FromBase64(File.ReadAllText(path), path)
                    : throw new InvalidOperationException($"The master key file {path} (from {FileSetting}) does not exist.");
        }
        catch (InvalidOperationException e)
        {
            problem = "SafeSocial cannot start: " + e.Message;
            return null;
        }

        if (builder.Environment.IsProduction())
        {
            problem = "SafeSocial cannot start: no master key is configured. It encrypts the key ring that protects account passwords. " +
                "Set the environment variable SafeSocial__MasterKey to 32 random bytes in base64 (e.g. from 'openssl rand -base64 32'), " +
                "or SafeSocial__MasterKeyFile to the path of a file holding them. Keep it out of the database and its backups.";
            return null;
        }
        return Development(DatabaseSetup.DataFolder(configuration), builder.Services);
    }

    private static VaultMasterKey Development(string dataFolder, IServiceCollection services)
    {
        var file = Path.Combine(dataFolder, GeneratedFileName);
        var made = !File.Exists(file);
        if (made)
        {
            Directory.CreateDirectory(dataFolder);
            File.WriteAllText(file, VaultMasterKey.Generate().ToBase64());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        services.AddSingleton(new MasterKeyNotice((made ? $"Generated a development master key into {file}. " : $"Using the development master key in {file}. ") +
            "It sits beside the data it protects, which is fine for a demo only: production must set SafeSocial__MasterKey or SafeSocial__MasterKeyFile."));
        return VaultMasterKey.FromBase64(File.ReadAllText(file), file);
    }
}
