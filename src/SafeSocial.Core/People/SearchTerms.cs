namespace SafeSocial.Core.People;

/// <summary>Turns what someone typed in a search box into ILIKE patterns, one per word.</summary>
public static class SearchTerms
{
    public const int MaxWords = 5;
    public const int MaxLength = 100;

    /// <summary>Shorter than a trigram: the trigram index cannot narrow these, it can only be scanned whole.</summary>
    public const int TrigramLength = 3;

    public static IReadOnlyList<string> Words(string? search) =>
        (search is { Length: > MaxLength } ? search[..MaxLength] : search ?? "").Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(MaxWords)
            .Select(w => w.ToLowerInvariant())
            .ToList();

    public static IReadOnlyList<string> Patterns(string? search) => Words(search).Select(Pattern).ToList();

    public static string Pattern(string word) => "%" + Escape(word) + "%";

    /// <summary>What someone types is text, never a wildcard.</summary>
    public static string Escape(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
