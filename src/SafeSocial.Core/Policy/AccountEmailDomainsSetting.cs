using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Policy;

/// <summary>The official email domains as they stand for an organisation: its own list (null: it inherits) and what it would inherit.</summary>
public sealed record EmailDomainLayers(IReadOnlyList<string>? Own, IReadOnlyList<string> Inherited, SettingSource InheritedSource)
{
    public IReadOnlyList<string> Effective => Own ?? Inherited;
    public SettingSource Source => Own is null ? InheritedSource : SettingSource.ThisOrganisation;
}

/// <summary>
/// The email domains official accounts may be registered with: a trust lists them for its schools, a school may list
/// its own instead (replacing, not adding to, the trust's). Each domain is checked, and a bad one named.
/// </summary>
public sealed class AccountEmailDomainsSetting(SafeSocialDb db)
{
    public const int MaxLength = 1000;

    public async Task<EmailDomainLayers> LayersAsync(Guid orgId, CancellationToken ct = default)
    {
        var trustId = await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == orgId).Select(o => o.TrustId).SingleAsync(ct);
        // The trust's row is what the school inherits, so it is read past the filter: that row only.
        var ids = trustId is { } t ? new[] { orgId, t } : [orgId];
        var rows = await db.PolicySettings.IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.OrganisationId))
            .ToDictionaryAsync(s => s.OrganisationId, s => s.AccountEmailDomains, ct);
        var fromTrust = trustId is { } tid && rows.GetValueOrDefault(tid) is { } text ? EffectivePolicySettings.Domains(text) : null;
        var own = rows.GetValueOrDefault(orgId) is { } mine ? EffectivePolicySettings.Domains(mine) : null;
        return new EmailDomainLayers(own, fromTrust ?? EffectivePolicySettings.Defaults.AccountEmailDomains,
            fromTrust is null ? SettingSource.SafeSocialDefault : SettingSource.Trust);
    }

    /// <summary>Sets the organisation's own list, or with <paramref name="inherit"/> goes back to what it inherits. Audited.</summary>
    public async Task<Outcome> SetAsync(Guid orgId, bool inherit, string? text, CancellationToken ct = default)
    {
        string? stored = null;
        if (!inherit)
        {
            var (domains, problem) = Parse(text);
            if (problem is not null) return Outcome.Refused("Domains", problem);
            stored = string.Join(", ", domains);
            if (stored.Length > MaxLength) return Outcome.Refused("Domains", $"The list of domains must be {MaxLength} characters or fewer");
        }
        var own = await db.PolicySettings.SingleOrDefaultAsync(s => s.OrganisationId == orgId, ct);
        if (own is null)
        {
            if (stored is null) return Outcome.Done;
            db.PolicySettings.Add(own = new PolicySettings { Id = Guid.NewGuid(), OrganisationId = orgId });
        }
        own.AccountEmailDomains = stored;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>The domains in a list separated by commas, semicolons, spaces or lines, or what is wrong with the first bad one.</summary>
    public static (IReadOnlyList<string> Domains, string? Problem) Parse(string? text)
    {
        var domains = EffectivePolicySettings.Domains(text ?? "");
        if (domains.Count == 0) return ([], "Enter at least one email domain, like school.sch.uk");
        foreach (var d in domains)
            if (!IsDomain(d))
                return ([], $"\"{d}\" is not an email domain. Enter domains like school.sch.uk or trust.org.uk, without the part before the @");
        return (domains, null);
    }

    /// <summary>Letters, digits and hyphens in dot-separated parts, ending in a letters-only top-level part, as email domains are.</summary>
    public static bool IsDomain(string d)
    {
        if (d.Length is 0 or > 253) return false;
        var labels = d.Split('.');
        if (labels.Length < 2) return false;
        foreach (var label in labels)
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
                return false;
        var top = labels[^1];
        return top.Length >= 2 && top.All(char.IsAsciiLetterLower) || top.StartsWith("xn--", false, CultureInfo.InvariantCulture);
    }
}
