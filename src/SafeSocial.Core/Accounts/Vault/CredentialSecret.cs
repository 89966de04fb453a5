namespace SafeSocial.Core.Accounts.Vault;

/// <summary>What the vault keeps for one official account. Never logged: its text form hides every field.</summary>
public sealed record CredentialSecret
{
    public string Username { get; init; } = "";
    public string Password { get; init; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; init; } = [];
    /// <summary>The authenticator app's seed for the account's two-factor sign-in, when it has one.</summary>
    public string? TwoFactorSeed { get; init; }
    public string? Notes { get; init; }

    // A record prints its fields by default: this one must not reach a log or an exception message.
    public override string ToString() => "CredentialSecret (hidden)";
}
