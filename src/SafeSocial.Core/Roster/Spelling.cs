namespace SafeSocial.Core.Roster;

/// <summary>Finds what a misspelt column name or value was probably meant to be.</summary>
public static class Spelling
{
    /// <summary>The candidate within a couple of typing slips of the word, ignoring case; null when none is close.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var w = word.Trim().ToLowerInvariant();
        if (w.Length == 0) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(w, c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        var allowed = Math.Min(3, Math.Max(1, w.Length / 4));
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Levenshtein distance, with a swap of two neighbouring letters counted as one slip.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
