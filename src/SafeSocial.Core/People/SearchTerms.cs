namespace SafeSocial.Core.People;

/// <summary>Turns what someone typed in a search box into ILIKE patterns, one per word.</summary>
public static class SearchTerms
{
    public const int MaxWords = 5;

    public static IReadOnlyList<string> Patterns(string? search) =>
        (search ?? "").Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(MaxWords)
            .Select(w => "%" + Escape(w.ToLowerInvariant()) + "%")
            .ToList();

    /// <summary>What someone types is text, never a wildcard.</summary>
    public static string Escape(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
