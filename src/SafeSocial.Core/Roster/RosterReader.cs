namespace SafeSocial.Core.Roster;

/// <summary>Works out which export the files are, reads them, and checks them on their own terms.</summary>
public static class RosterReader
{
    private static readonly HashSet<string> Read =
        new(["manifest.csv", "orgs.csv", "users.csv", "roles.csv", "classes.csv", "enrollments.csv", "demographics.csv", "relationships.csv", "userProfiles.csv",
            .. SdsClassicReader.FileNames], StringComparer.OrdinalIgnoreCase);

    /// <summary>The files' content, or null when they are not a roster export at all (the problems say why).</summary>
    public static RosterData? ReadFiles(RosterFiles files, RosterProblems problems, IProgress<RosterProgress>? progress, CancellationToken ct)
    {
        var reading = new RosterReadProgress(progress, files.Names.Sum(files.LengthOf));
        var dates = new RosterDates();
        RosterData data;
        if (files.Has("manifest.csv"))
            data = new OneRosterReader(files, problems, reading, dates, ct).Read();
        else if (SdsClassicReader.FileNames.Any(files.Has))
            data = new SdsClassicReader(files, problems, reading, dates, ct).Read();
        else if (files.Has("roles.csv") || files.Has("relationships.csv") || (files.Has("users.csv") && !LooksLikeOneRoster(files)))
            data = new SdsReader(files, problems, reading, dates, ct).Read();
        else if (files.Has("users.csv"))
        {
            problems.Error("manifest.csv", "The upload has no manifest.csv. A OneRoster export always has one, listing its files; add manifest.csv from the same export (School Data Sync exports have roles.csv instead).");
            data = new OneRosterReader(files, problems, reading, dates, ct).Read();
        }
        else
        {
            var found = files.Names.ToList();
            problems.Error(files.Description.Length > 0 ? files.Description : "Upload",
                (found.Count == 0 ? "The upload has no CSV files. " : $"The upload has {string.Join(", ", found)} but none of the roster files. ")
                + "Upload a OneRoster export (manifest.csv, orgs.csv, users.csv, and classes.csv, enrollments.csv, demographics.csv if you have them), "
                + "a School Data Sync v2 or v2.1 export (orgs.csv, users.csv, and roles.csv, relationships.csv if you have them) "
                + "or a classic School Data Sync export (School.csv, Student.csv, Teacher.csv, Section.csv, StudentEnrollment.csv, TeacherRoster.csv), as one zip file or as the CSV files.");
            return null;
        }
        dates.Resolve(problems, data.Notes);
        data.RowsRead = reading.Rows;
        var unused = files.Names.Where(n => !Read.Contains(n)).ToList();
        if (unused.Count > 0) data.Notes.Add($"Not needed by SafeSocial, so not read: {string.Join(", ", unused)}.");
        return data;
    }

    /// <summary>
    /// A users.csv with OneRoster's status, enabledUser or dateLastModified columns is OneRoster with its manifest
    /// missing; School Data Sync v2 has orgSourcedIds and role too, but none of those.
    /// </summary>
    private static bool LooksLikeOneRoster(RosterFiles files) =>
        HeaderOf(files, "users.csv").Intersect(["status", "enabledUser", "dateLastModified"], StringComparer.OrdinalIgnoreCase).Any();

    /// <summary>The column names on a file's first line, to tell formats apart before reading it.</summary>
    internal static List<string> HeaderOf(RosterFiles files, string name)
    {
        using var stream = files.Open(name);
        using var text = new StreamReader(stream);
        return (text.ReadLine() ?? "").Split(',').Select(h => h.Trim().Trim('"').TrimStart('\uFEFF')).ToList();
    }
}
