namespace SafeSocial.Core.Accounts;

/// <summary>
/// The "password change needed" flag an ended admin access leaves on an account. It is answered only by the vault:
/// once the stored credential changed after the flag was raised, the prompt goes.
/// </summary>
public static class PasswordChange
{
    public const int ReasonLength = 1000;

    /// <summary>Whether the password must still change, given when the stored credential last changed (null: none stored).</summary>
    public static bool IsDue(OfficialAccount account, DateTimeOffset? credentialChangedAt) =>
        IsDue(account.PasswordChangeDueSince, credentialChangedAt);

    public static bool IsDue(DateTimeOffset? dueSince, DateTimeOffset? credentialChangedAt) =>
        dueSince is { } since && (credentialChangedAt is not { } changed || changed <= since);

    /// <summary>Raises the flag now: the change must come after this removal. A reason still waiting is kept beside the new one.</summary>
    public static void Raise(OfficialAccount account, DateTimeOffset now, string reason, DateTimeOffset? credentialChangedAt)
    {
        var combined = IsDue(account, credentialChangedAt) && account.PasswordChangeDueReason is { Length: > 0 } earlier && earlier != reason
            ? $"{earlier}; {reason}"
            : reason;
        account.PasswordChangeDueSince = now;
        account.PasswordChangeDueReason = combined.Length <= ReasonLength ? combined : combined[..(ReasonLength - 1)] + "…";
    }
}
