using SafeSocial.Core.Accounts;
using SafeSocial.Core.Accounts.Vault;

namespace SafeSocial.Core.Demo;

/// <summary>
/// Stored sign-in details for the demo's running official account, so a reveal can be tried. Every value says it
/// is fake.
/// </summary>
public static class DemoCredentials
{
    public const string Password = "DEMO-ONLY-not-a-real-password-7Qx";

    public static CredentialSecret For(OfficialAccount account) => new()
    {
        Username = $"demo-{account.Handle.TrimStart('@').Replace(' ', '-').ToLowerInvariant()}",
        Password = Password,
        RecoveryCodes = ["DEMO-1111-AAAA", "DEMO-2222-BBBB", "DEMO-3333-CCCC"],
        TwoFactorSeed = "DEMOSEEDNOTAREALACCOUNT",
        Notes = "Demo data: this account does not exist on the platform.",
    };
}
