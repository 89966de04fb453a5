using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Demo;

/// <summary>
/// Stored sign-in details for the demo's approved and active official accounts, so a reveal can be tried. Every
/// value says it is fake. Added to an older demo database too, as each start checks.
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

    public static async Task EnsureAsync(SafeSocialDb db, CredentialVault vault)
    {
        var without = await db.OfficialAccounts
            .Where(a => (a.Status == AccountStatus.Approved || a.Status == AccountStatus.Active) && a.OfficialEmail.EndsWith("@" + DemoOfficialAccounts.Domain)
                        && !db.AccountCredentials.Any(c => c.OfficialAccountId == a.Id))
            .ToListAsync();
        foreach (var account in without)
            await vault.StoreAsync(account.OrganisationId, account.Id, For(account));
    }
}
