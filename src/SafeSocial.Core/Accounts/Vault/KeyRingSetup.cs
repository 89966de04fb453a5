using Microsoft.AspNetCore.DataProtection;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
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

    /// <summary>
    /// For commands that need no secret: the key ring is not opened, and anything that tries to protect or read data
    /// fails saying so, rather than asking everyone who runs the command for the master key.
    /// </summary>
    public static IDataProtectionBuilder WithoutMasterKey(this IDataProtectionBuilder builder)
    {
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new NoKeyRing()));
        return builder;
    }

    private sealed class NoKeyRing : IXmlRepository
    {
        private static InvalidOperationException Refused() =>
            new("This command runs without the master key, so it cannot open the key ring that protects secrets and cookies.");

        public IReadOnlyCollection<XElement> GetAllElements() => throw Refused();
        public void StoreElement(XElement element, string friendlyName) => throw Refused();
    }
}
