namespace SafeSocial.Core.Roster;

/// <summary>
/// Reads the status column of one file. OneRoster lets a bulk (full) file leave status blank, meaning
/// active; a delta file must say active or tobedeleted on every line.
/// </summary>
internal sealed class RosterRowStatus(string fileName, RosterMode mode)
{
    private int _blank;

    /// <summary>Whether the row is marked for deletion; a bad value is an error, read as active.</summary>
    public bool IsDeleted(CsvRow row, RosterProblems problems)
    {
        var status = row["status"];
        if (status is null)
        {
            if (mode == RosterMode.Delta && row.Has("status"))
                row.Error("status", "Status is blank. In a delta file every line must say active or tobedeleted.");
            else _blank++;
            return false;
        }
        switch (status.ToLowerInvariant())
        {
            case "active": return false;
            case "tobedeleted":
            case "inactive": return true; // "inactive" is OneRoster 1.0's word for the same
            default:
                row.Error("status", Spelling.Closest(status, ["active", "tobedeleted"]) is { } meant
                    ? $"\"{status}\" is not a status. Did you mean \"{meant}\"?"
                    : $"\"{status}\" is not a status. Use active, tobedeleted, or leave it blank in a full export.");
                return false;
        }
    }

    /// <summary>"4 lines of users.csv", when lines of a full file had a blank status.</summary>
    public string? Blank => _blank > 0 && mode == RosterMode.Full ? $"{_blank} {(_blank == 1 ? "line" : "lines")} of {fileName}" : null;

    public static void Note(IEnumerable<RosterRowStatus> files, string version, List<string> notes)
    {
        var blank = files.Select(f => f.Blank).Where(b => b is not null).ToList();
        if (blank.Count > 0)
            notes.Add($"Some lines have no status ({string.Join(", ", blank)}). OneRoster {version} allows a blank status in a full (bulk) export, where it means active, so they were read as active.");
    }
}
