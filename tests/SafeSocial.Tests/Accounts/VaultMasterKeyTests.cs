using Microsoft.AspNetCore.Builder;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Web.Hosting;

namespace SafeSocial.Tests.Accounts;

/// <summary>Where the master key comes from: configuration, a file, a generated development key, or nowhere in Production.</summary>
public class VaultMasterKeyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"safesocial-masterkey-{Guid.NewGuid():N}");

    private WebApplicationBuilder Builder(string environment, params (string Key, string Value)[] settings)
    {
        var b = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        b.Configuration["SafeSocial:DataFolder"] = _folder;
        foreach (var (key, value) in settings) b.Configuration[key] = value;
        return b;
    }

    [Fact]
    public void ProductionWithNoMasterKeyRefusesToStartAndSaysWhatToSet()
    {
        Assert.Null(MasterKeySetup.Load(Builder("Production"), out var problem));
        Assert.Contains("SafeSocial__MasterKey", problem);
        Assert.Contains("SafeSocial__MasterKeyFile", problem);
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public void DevelopmentGeneratesAKeyIntoTheDataFolderOnceAndSaysSo()
    {
        var first = Builder("Development");
        var key = MasterKeySetup.Load(first, out _);
        Assert.NotNull(key);
        Assert.True(File.Exists(Path.Combine(_folder, MasterKeySetup.GeneratedFileName)));
        Assert.Contains("Generated a development master key", NoticeOf(first));

        var second = Builder("Development");
        Assert.Equal(key.Fingerprint, MasterKeySetup.Load(second, out _)!.Fingerprint);
        Assert.Contains("production must set SafeSocial__MasterKey", NoticeOf(second));
    }

    [Fact]
    public void AConfiguredKeyOrKeyFileIsUsedAndABadOneIsNamed()
    {
        var key = VaultMasterKey.Generate();
        Assert.Equal(key.Fingerprint, MasterKeySetup.Load(Builder("Production", (MasterKeySetup.KeySetting, key.ToBase64())), out _)!.Fingerprint);

        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "supplied-key");
        File.WriteAllText(file, key.ToBase64() + "\n");
        Assert.Equal(key.Fingerprint, MasterKeySetup.Load(Builder("Production", (MasterKeySetup.FileSetting, file)), out _)!.Fingerprint);

        Assert.Null(MasterKeySetup.Load(Builder("Production", (MasterKeySetup.KeySetting, Convert.ToBase64String(new byte[16]))), out var shortKey));
        Assert.Contains("16 bytes", shortKey);
        Assert.Null(MasterKeySetup.Load(Builder("Production", (MasterKeySetup.FileSetting, file + ".missing")), out var missing));
        Assert.Contains("does not exist", missing);
    }

    private static string NoticeOf(WebApplicationBuilder b) =>
        ((MasterKeyNotice)b.Services.Last(s => s.ServiceType == typeof(MasterKeyNotice)).ImplementationInstance!).Message;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
