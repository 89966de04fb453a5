using System.IO.Compression;

namespace SafeSocial.Core.Roster;

/// <summary>
/// The CSV files of one upload, by file name, from a folder or a zip. Reading is bounded: a zip that claims
/// to be small but unpacks into gigabytes stops at <see cref="MaxFileBytes"/>.
/// </summary>
public sealed class RosterFiles : IDisposable
{
    public const long MaxFileBytes = 200L * 1024 * 1024;
    private const int MaxZipEntries = 500;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ZipArchive? _zip;

    private sealed record Entry(string Name, long Length, Func<Stream> Open);

    // Windows users save "Users.CSV" as often as "users.csv".
    private static readonly EnumerationOptions AnyCase = new() { MatchCasing = MatchCasing.CaseInsensitive };

    private RosterFiles(ZipArchive? zip) => _zip = zip;

    /// <summary>What the person uploaded, in their words, for messages and the audit reason.</summary>
    public string Description { get; private set; } = "";
    public IEnumerable<string> Names => _entries.Values.Select(e => e.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
    public bool Has(string name) => _entries.ContainsKey(name);
    public string NameOf(string name) => _entries.TryGetValue(name, out var e) ? e.Name : name;
    public long LengthOf(string name) => _entries.TryGetValue(name, out var e) ? e.Length : 0;
    public Stream Open(string name) => new BoundedStream(_entries[name].Open(), MaxFileBytes);

    /// <summary>A zip file, a folder of CSV files, or a folder holding one zip (as an upload is stored).</summary>
    public static RosterFiles Open(string path, RosterProblems problems)
    {
        if (File.Exists(path)) return FromZip(path, problems);
        var zips = Directory.GetFiles(path, "*.zip", AnyCase);
        var csvs = Directory.GetFiles(path, "*.csv", AnyCase);
        if (zips.Length > 0 && csvs.Length > 0)
            problems.Error(Path.GetFileName(zips[0]), "Upload either one zip file or the CSV files, not both.");
        if (zips.Length > 1)
            problems.Error(Path.GetFileName(zips[1]), "Upload one zip file at a time.");
        return zips.Length > 0 && csvs.Length == 0 ? FromZip(zips[0], problems) : FromFolder(path);
    }

    public static RosterFiles FromFolder(string folder)
    {
        var files = new RosterFiles(null) { Description = Path.GetFileName(folder.TrimEnd('/')) };
        var csvs = Directory.GetFiles(folder, "*.csv", AnyCase);
        // A folder that holds the export's own folder, as unzipping often leaves it.
        if (csvs.Length == 0 && Directory.GetDirectories(folder) is [var only]) csvs = Directory.GetFiles(only, "*.csv", AnyCase);
        foreach (var path in csvs)
        {
            var name = Path.GetFileName(path);
            files._entries[name] = new Entry(name, new FileInfo(path).Length, () => File.OpenRead(path));
        }
        if (csvs.Length > 0) files.Description = string.Join(", ", files.Names);
        return files;
    }

    public static RosterFiles FromZip(string zipPath, RosterProblems problems)
    {
        var zipName = Path.GetFileName(zipPath);
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(zipPath); }
        catch (InvalidDataException)
        {
            problems.Error(zipName, "The zip file cannot be opened: it may be damaged or not a zip file. Create the zip again, or upload the CSV files themselves.");
            return new RosterFiles(null) { Description = zipName };
        }
        var files = new RosterFiles(zip) { Description = zipName };
        if (zip.Entries.Count > MaxZipEntries)
        {
            problems.Error(zipName, $"The zip file holds {zip.Entries.Count} files; a roster export has about ten. Zip only the roster's CSV files.");
            return files;
        }
        foreach (var entry in zip.Entries)
        {
            var name = entry.Name;
            if (name.Length == 0 || name.StartsWith("._", StringComparison.Ordinal) || entry.FullName.Contains("__MACOSX", StringComparison.Ordinal)) continue;
            if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) continue;
            if (files._entries.ContainsKey(name))
            {
                problems.Error(zipName, $"The zip file holds {name} twice (in different folders). Zip one roster export at a time.");
                continue;
            }
            if (entry.Length > MaxFileBytes)
            {
                problems.Error(name, $"{name} is {entry.Length / 1024 / 1024} MB when unzipped; a roster file is far smaller. Check that this is the roster export.");
                continue;
            }
            files._entries[name] = new Entry(name, entry.Length, entry.Open);
        }
        return files;
    }

    public void Dispose() => _zip?.Dispose();

    /// <summary>Stops reading at a limit whatever the source claimed its length to be.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            if (_read > limit) throw new RosterFileTooLargeException();
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            _read += n;
            if (_read > limit) throw new RosterFileTooLargeException();
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

public sealed class RosterFileTooLargeException() : IOException($"The file is larger than {RosterFiles.MaxFileBytes / 1024 / 1024} MB.");
