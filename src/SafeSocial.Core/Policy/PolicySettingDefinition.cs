namespace SafeSocial.Core.Policy;

/// <summary>
/// One setting a trust sets for its schools and a school may override: how the settings pages name,
/// explain, bound and read it. A later capability that adds a field to <see cref="PolicySettings"/> adds its line here.
/// </summary>
public sealed record PolicySettingDefinition(
    string Key, string Title, string Hint, string Unit, int Min, int Max,
    Func<PolicySettings, int?> Get, Action<PolicySettings, int?> Set, Func<EffectivePolicySettings, int> Effective)
{
    /// <summary>"12 months", "1 day".</summary>
    public string Describe(int value) => $"{value} {(value == 1 ? Unit.TrimEnd('s') : Unit)}";

    public static readonly IReadOnlyList<PolicySettingDefinition> All =
    [
        new("review-cycle", "Policy review cycle",
            "How often the policy is reviewed and ratified again. Most schools review every 12 months.", "months", 1, 60,
            s => s.ReviewCycleMonths, (s, v) => s.ReviewCycleMonths = v, e => e.ReviewCycleMonths),
        new("invitation-valid", "Staff invitations last",
            "How long the link in a staff invitation email works before a new one is needed.", "days", 1, 30,
            s => s.InvitationValidDays, (s, v) => s.InvitationValidDays = v, e => e.InvitationValidDays),
    ];

    public static PolicySettingDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);
}
