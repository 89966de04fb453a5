using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SafeSocial.Core.Accounts.Vault;

public static class KeyRingSetup
{
    /// <summary>Keeps the key ring in the database, each key encrypted with the master key.</summary>
    public static IDataProtectionBuilder PersistKeysToSafeSocialDatabase(this IDataProtectionBuilder builder, string connectionString, VaultMasterKey masterKey)
    {
        builder.Services.AddSingleton(masterKey);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DatabaseKeyRing(connectionString, sp.GetService<TimeProvider>() ?? TimeProvider.System);
            o.XmlEncryptor = new MasterKeyXmlEncryptor(masterKey);
        }));
        return builder;
    }
}
