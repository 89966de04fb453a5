namespace SafeSocial.Core.Roster;

/// <summary>How far an import has got, for the progress page.</summary>
public sealed record RosterProgress(string Stage, long Done, long Total, long Rows)
{
    public int Percent => Total <= 0 ? 0 : (int)Math.Clamp(Done * 100 / Total, 0, 100);
}

/// <summary>Shows one stage of the work as its share of the whole: reading the files, then saving the changes.</summary>
public sealed class RosterStageProgress(IProgress<RosterProgress>? progress, int fromPercent, int toPercent) : IProgress<RosterProgress>
{
    public void Report(RosterProgress value) =>
        progress?.Report(new RosterProgress(value.Stage, fromPercent * 10L + (value.Total <= 0 ? 0 : value.Done * (toPercent - fromPercent) * 10L / value.Total), 1000, value.Rows));
}

/// <summary>Turns bytes read across all the files into one progress figure.</summary>
public sealed class RosterReadProgress(IProgress<RosterProgress>? progress, long totalBytes)
{
    private long _before;
    private long _rows;
    private string _file = "";

    public long Rows => _rows;

    public void StartFile(string file)
    {
        _file = file;
        progress?.Report(new RosterProgress($"Reading {file}", _before, totalBytes, _rows));
    }

    /// <summary>Counts a row; says how far the reading has got every few hundred rows.</summary>
    public void Row(long byteOffsetInFile)
    {
        if (++_rows % 500 == 0) progress?.Report(new RosterProgress($"Reading {_file}", _before + byteOffsetInFile, totalBytes, _rows));
    }

    public void EndFile(long length) => _before += length;
}
