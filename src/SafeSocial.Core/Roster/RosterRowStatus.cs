namespace SafeSocial.Core.Roster;

/// <summary>
/// Reads the status column of one file. OneRoster lets a bulk (full) file leave status blank, meaning
/// active; a delta file must say active or tobedeleted on every line.
/// </summary>
internal sealed class RosterRowStatus(string fileName, RosterMode mode, string version)
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

    public void Note(List<string> notes)
    {
        if (_blank > 0 && mode == RosterMode.Full)
            notes.Add($"{_blank} {(_blank == 1 ? "line" : "lines")} of {fileName} {(_blank == 1 ? "has" : "have")} no status. OneRoster {version} allows a blank status in a full (bulk) export, where it means active, so {(_blank == 1 ? "it was" : "they were")} read as active.");
    }
}
