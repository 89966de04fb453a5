using System.Text;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Consent;

/// <summary>
/// A school's or trust's own changes to its list of consent purposes, checked before <see cref="ConsentPolicyService.SetPurposeAsync"/>.
/// Nothing here deletes: a purpose no longer asked about keeps every decision made on it.
/// </summary>
public sealed class ConsentPurposeChanges(ConsentPolicyService policies)
{
    public const int MaxNameLength = 200;
    private const int MaxKeyLength = 60;

    /// <summary>Adds a purpose of the organisation's own; its key is made from the name and never changes after.</summary>
    public async Task<(Outcome Outcome, ConsentPurpose? Added)> AddAsync(Guid orgId, string? name, CancellationToken ct = default)
    {
        var layers = await policies.PurposesAsync(orgId, ct);
        if (Check(name, layers, except: null) is { } problem) return (problem, null);
        var key = UniqueKey(Slug(name!.Trim()), layers.Select(l => l.Purpose.Key));
        await policies.SetPurposeAsync(orgId, key, name.Trim(), offered: true, ct);
        return (Outcome.Done, new ConsentPurpose(key, name.Trim()));
    }

    /// <summary>Renames a purpose and says whether it is asked about; a purpose no longer asked about keeps its history.</summary>
    public async Task<Outcome> ChangeAsync(Guid orgId, string key, string? name, bool offered, CancellationToken ct = default)
    {
        var layers = await policies.PurposesAsync(orgId, ct);
        var layer = layers.FirstOrDefault(l => l.Purpose.Key == key);
        if (layer is null) return Outcome.NotFound;
        if (Check(name, layers, except: key) is { } problem) return problem;
        if (layer.Purpose.Name != name!.Trim() || layer.Offered != offered) await policies.SetPurposeAsync(orgId, key, name.Trim(), offered, ct);
        return Outcome.Done;
    }

    private static Outcome? Check(string? name, IReadOnlyList<PurposeLayer> layers, string? except)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return Outcome.Refused("Name", "Enter the name of the purpose");
        if (trimmed.Length > MaxNameLength) return Outcome.Refused("Name", $"The name must be {MaxNameLength} characters or fewer");
        if (layers.FirstOrDefault(l => l.Purpose.Key != except && string.Equals(l.Purpose.Name.Trim(), trimmed, StringComparison.CurrentCultureIgnoreCase)) is { } same)
            return Outcome.Refused("Name", same.Offered
                ? $"There is already a purpose called \"{same.Purpose.Name}\": choose a different name"
                : $"There is already a purpose called \"{same.Purpose.Name}\" that is not asked about: ask about it again instead");
        return null;
    }

    /// <summary>"Year book & leavers' hoodies" becomes "year-book-leavers-hoodies".</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (c is '\'' or '’' || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var key = slug.ToString().Trim('-');
        if (key.Length > MaxKeyLength - 4) key = key[..(MaxKeyLength - 4)].TrimEnd('-');
        return key.Length == 0 ? "purpose" : key;
    }

    private static string UniqueKey(string slug, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var key = slug;
        for (var n = 2; used.Contains(key); n++) key = $"{slug}-{n}";
        return key;
    }
}
