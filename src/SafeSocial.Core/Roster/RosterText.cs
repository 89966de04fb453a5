using System.Globalization;
using System.Text;

namespace SafeSocial.Core.Roster;

/// <summary>
/// Checks every value read from a roster file before it can reach a record: text that is not UTF-8 is refused,
/// invisible control and direction-changing characters (which can make "Ann" display as another name) are
/// removed with a warning, and lengths are limited, so a value that swallowed a line cannot become a name.
/// </summary>
public static class RosterText
{
    private static readonly Dictionary<string, (int Max, string What)> Limits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["givenName"] = (100, "a first name"), ["familyName"] = (100, "a last name"),
        ["preferredGivenName"] = (100, "a first name"), ["preferredFamilyName"] = (100, "a last name"),
        ["First Name"] = (100, "a first name"), ["Last Name"] = (100, "a last name"),
        ["metadata.relationship"] = (100, "a relationship"),
        ["email"] = (254, "an email address"), ["phone"] = (50, "a phone number"), ["sms"] = (50, "a phone number"),
        ["name"] = (200, "an organisation's name"), ["title"] = (200, "a class name"), ["Section Name"] = (200, "a class name"),
        ["classCode"] = (50, "a class code"), ["code"] = (50, "a class code"), ["Section Number"] = (50, "a class code"),
        ["orgSourcedIds"] = (4000, "a list of organisations"), ["agentSourcedIds"] = (4000, "a list of parents and carers"),
    };

    private const int DefaultLimit = 255;

    /// <summary>The value to use; problems are recorded against the row.</summary>
    public static string Check(string value, string column, CsvRow row)
    {
        if (value.Contains('\uFFFD', StringComparison.Ordinal))
            row.Error(column, "This value has characters that are not UTF-8 text. In Excel, choose Save As, then \"CSV UTF-8 (Comma delimited)\", and upload the file again.");
        var clean = Clean(value, out var removed);
        if (removed.Count > 0)
            row.Warning(column, $"This value held {string.Join(" and ", removed)}, which can make text display differently from what it says. SafeSocial removed {(removed.Count == 1 ? "it" : "them")} and reads the value as \"{clean}\". Correct it in your MIS.");
        var (max, what) = Limits.TryGetValue(column, out var limit) ? limit : (DefaultLimit, "a value in this column");
        if (clean.Length > max)
            row.Error(column, $"This value is {clean.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; {what} can be at most {max}. Check this line in your MIS or the file: values may have run together.");
        return clean;
    }

    /// <summary>The text without control characters (line breaks and tabs become spaces) and bidirectional controls.</summary>
    public static string Clean(string value, out List<string> removed)
    {
        removed = [];
        if (!value.Any(c => char.IsControl(c) || IsBidiControl(c))) return value;
        var kept = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (IsBidiControl(c)) Note(removed, "direction-changing characters (such as right-to-left override, U+202E)");
            else if (char.IsControl(c))
            {
                Note(removed, "control characters (such as tabs or line breaks)");
                if (c is '\t' or '\r' or '\n' && kept.Length > 0 && kept[^1] != ' ') kept.Append(' ');
            }
            else kept.Append(c);
        }
        return kept.ToString().Trim();
    }

    private static void Note(List<string> removed, string what)
    {
        if (!removed.Contains(what)) removed.Add(what);
    }

    /// <summary>Embeddings, overrides, isolates and marks: U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069.</summary>
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
