namespace SafeSocial.Core.Roster;

public enum ProblemSeverity { Error, Warning }

/// <summary>One thing wrong with (or worth knowing about) the uploaded files, pinned to where it is.</summary>
/// <param name="Line">The row as a spreadsheet numbers it (the header is row 1); null for the whole file.</param>
/// <param name="ColumnNumber">1-based; null when the problem is not in one column.</param>
public sealed record RosterProblem(ProblemSeverity Severity, string File, int? Line, string? Column, int? ColumnNumber, string Message)
{
    /// <summary>"P (agentSourcedIds)": the letter a spreadsheet shows, then the name in the file.</summary>
    public string? ColumnDisplay => ColumnNumber is { } n ? $"{ColumnLetter(n)} ({Column})" : Column;

    public static string ColumnLetter(int number)
    {
        var letters = "";
        for (var n = number; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}

/// <summary>
/// Collects every problem. It keeps the first few thousand in full and counts the rest, so a file of junk
/// cannot fill the memory with messages; a file that passes its own limit stops being read.
/// </summary>
public sealed class RosterProblems
{
    public const int KeptLimit = 2000;
    public const int PerFileLimit = 500;
    private readonly List<RosterProblem> _kept = [];
    private readonly Dictionary<string, int> _errorsPerFile = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<RosterProblem> Kept => _kept;
    public int ErrorCount { get; private set; }
    public int WarningCount { get; private set; }
    public int NotKept { get; private set; }
    public bool HasErrors => ErrorCount > 0;

    public void Error(string file, int? line, string? column, int? columnNumber, string message) =>
        Add(new RosterProblem(ProblemSeverity.Error, file, line, column, columnNumber, message));

    public void Error(string file, string message) => Error(file, null, null, null, message);

    public void Warning(string file, int? line, string? column, int? columnNumber, string message) =>
        Add(new RosterProblem(ProblemSeverity.Warning, file, line, column, columnNumber, message));

    public void Warning(string file, string message) => Warning(file, null, null, null, message);

    public void Add(RosterProblem problem)
    {
        if (problem.Severity == ProblemSeverity.Error)
        {
            ErrorCount++;
            _errorsPerFile[problem.File] = ErrorsIn(problem.File) + 1;
        }
        else WarningCount++;
        if (_kept.Count < KeptLimit) _kept.Add(problem); else NotKept++;
    }

    public int ErrorsIn(string file) => _errorsPerFile.TryGetValue(file, out var n) ? n : 0;

    private readonly HashSet<string> _unread = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _rejected = new(StringComparer.Ordinal);

    /// <summary>A file that is missing or could not be read; what refers to it is not checked again.</summary>
    public void Unread(string file) => _unread.Add(file);

    /// <summary>A row that could not be read; references to its sourcedId are not reported again.</summary>
    public void Rejected(string? sourcedId)
    {
        if (sourcedId is not null) _rejected.Add(sourcedId);
    }

    /// <summary>Whether an unknown reference to <paramref name="id"/> in <paramref name="file"/> is already explained by another problem.</summary>
    public bool Explained(string file, string id) => _unread.Contains(file) || _rejected.Contains(id);

    /// <summary>Past this many errors a file is not worth reading further: the person needs to re-export it.</summary>
    public bool TooManyIn(string file) => ErrorsIn(file) >= PerFileLimit;
}
