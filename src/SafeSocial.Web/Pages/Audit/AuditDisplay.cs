using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SafeSocial.Core;

namespace SafeSocial.Web.Pages.Audit;

public sealed record AuditChangeRow(string Field, string Before, string After);

/// <summary>Turns the trail's stored names and JSON into words a headteacher reads: "Changed", "Pupil", "Legal first name", "14 March 2026".</summary>
public static partial class AuditDisplay
{
    private static readonly Dictionary<string, string> RecordTypes = new()
    {
        ["AppUser"] = "Sign-in account",
        ["IdentityUserToken"] = "Sign-in token",
        ["IdentityUserLogin"] = "Sign-in method",
        ["IdentityUserClaim"] = "Sign-in claim",
        ["IdentityUserRole"] = "Sign-in role",
        ["IdentityRole"] = "Sign-in role",
        ["PupilParent"] = "Parent or carer link",
        ["Parent"] = "Parent or carer",
        ["StaffMember"] = "Staff member",
        ["Organisation"] = "School or trust",
        ["AuditTrail"] = "Audit trail",
        ["PolicySettings"] = "Policy settings",
    };

    private static readonly Dictionary<string, string> Actions = new()
    {
        ["Added"] = "Added",
        ["Modified"] = "Changed",
        ["Deleted"] = "Deleted",
        ["Viewed"] = "Viewed",
        ["Verified"] = "Checked",
    };

    public static string RecordType(string entityType)
    {
        var plain = entityType.Split('`')[0];
        return RecordTypes.TryGetValue(plain, out var title) ? title : Words(plain);
    }

    public static string Action(string action) => Actions.TryGetValue(action, out var title) ? title : Words(action);

    /// <summary>"LegalFirstName" becomes "Legal first name".</summary>
    public static string Words(string name)
    {
        var spaced = CapitalStart().Replace(name, " $1").Trim();
        return spaced.Length == 0 ? name : spaced[0] + spaced[1..].ToLowerInvariant();
    }

    public static IReadOnlyList<AuditChangeRow> Changes(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [new("Details", "", json)];
            return doc.RootElement.EnumerateObject().Select(p =>
            {
                var pair = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().ToList() : [];
                return new AuditChangeRow(Words(p.Name),
                    pair.Count > 0 ? Value(pair[0]) : "",
                    pair.Count > 1 ? Value(pair[1]) : Value(p.Value));
            }).ToList();
        }
        catch (JsonException)
        {
            // An entry someone tampered with may hold anything: show it as it is rather than fail the page.
            return [new("Details", "", json)];
        }
    }

    private static string Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "Not set",
        JsonValueKind.True => "Yes",
        JsonValueKind.False => "No",
        JsonValueKind.String => Text(v.GetString() ?? ""),
        _ => v.GetRawText(),
    };

    private static string Text(string s)
    {
        if (s.Length == 0) return "Not set";
        if (s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return UkTime.Format(day);
        if (s.Length > 18 && s[4] == '-' && s[10] == 'T' && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            return UkTime.Format(at);
        return s;
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex CapitalStart();
}
