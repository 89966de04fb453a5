using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using SafeSocial.Core.Roster;

namespace SafeSocial.Web.Import;

public enum ImportState { Waiting, Checking, Checked, Applying, Applied, Failed }

/// <summary>What is known about one upload, kept beside its files.</summary>
public sealed class ImportUpload
{
    public required string Id { get; init; }
    public Guid OrganisationId { get; init; }
    public Guid? UploadedBy { get; init; }
    public string UploadedByName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public List<string> FileNames { get; init; } = [];
    public ImportState State { get; set; }
    /// <summary>Apply was asked for; the queued work is an apply, not a check.</summary>
    public bool ApplyRequested { get; set; }
    /// <summary>The organisation in the files the person said is this school.</summary>
    public string? SchoolSourcedId { get; set; }
    /// <summary>The person confirmed that the chosen organisation replaces the school's roster id (or shares another school's).</summary>
    public bool SchoolConfirmed { get; set; }
    public string? Failure { get; set; }
    /// <summary>The files had changed what they would do between the preview and the apply.</summary>
    public bool ChangedSincePreview { get; set; }
}

/// <summary>
/// Keeps each upload in the data folder under a random id (never in the session) between the steps of an
/// import: the files, what is known about the upload, the preview and the result. The files are deleted
/// once applied; everything is deleted a day after the upload.
/// </summary>
public sealed partial class ImportUploads(string folder, TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };
    private readonly Lock _gate = new();

    [GeneratedRegex("^[a-f0-9]{32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"[^A-Za-z0-9._ \-]")]
    private static partial Regex UnsafeName();

    public string Root => folder;

    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    public string FilesFolder(string id) => Path.Combine(Folder(id), "files");

    private string Folder(string id) => IsId(id) ? Path.Combine(folder, id) : throw new ArgumentException("Not an upload id.", nameof(id));

    public async Task<ImportUpload> CreateAsync(Guid organisationId, Guid? userId, string userName, IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var target = Directory.CreateDirectory(FilesFolder(id)).FullName;
        var names = new List<string>();
        foreach (var file in files)
        {
            var name = SafeName(file.FileName);
            await using var stream = File.Create(Path.Combine(target, name));
            await file.CopyToAsync(stream, ct);
            names.Add(name);
        }
        var upload = new ImportUpload
        {
            Id = id, OrganisationId = organisationId, UploadedBy = userId, UploadedByName = userName,
            CreatedAt = clock.GetUtcNow(), FileNames = names, State = ImportState.Waiting,
        };
        Save(upload);
        return upload;
    }

    /// <summary>Only the file's own name, in plain characters: the name is never trusted as a path.</summary>
    public static string SafeName(string fileName)
    {
        var name = UnsafeName().Replace(Path.GetFileName(fileName.Replace('\\', '/')), "_").Trim('.', ' ');
        return name.Length == 0 ? "upload" : name;
    }

    /// <summary>The upload if it exists and belongs to the organisation; null otherwise, so another school's id is "not found".</summary>
    public ImportUpload? Find(Guid organisationId, string? id)
    {
        if (!IsId(id)) return null;
        var upload = Read<ImportUpload>(id!, "upload.json");
        return upload?.OrganisationId == organisationId && clock.GetUtcNow() - upload.CreatedAt < KeptFor ? upload : null;
    }

    public void Save(ImportUpload upload) => Write(upload.Id, "upload.json", upload);

    public RosterPreview? Preview(string id) => Read<RosterPreview>(id, "preview.json");
    public void SavePreview(string id, RosterPreview preview) => Write(id, "preview.json", preview);
    public RosterPreview? Result(string id) => Read<RosterPreview>(id, "result.json");
    public void SaveResult(string id, RosterPreview applied) => Write(id, "result.json", applied);

    /// <summary>The files are not needed once applied: only the preview and result stay, until the day is up.</summary>
    public void DeleteFiles(string id)
    {
        var files = FilesFolder(id);
        if (Directory.Exists(files)) Directory.Delete(files, recursive: true);
    }

    /// <summary>Deletes every upload older than a day; returns how many.</summary>
    public int Sweep()
    {
        if (!Directory.Exists(folder)) return 0;
        var deleted = 0;
        foreach (var dir in Directory.GetDirectories(folder))
        {
            var id = Path.GetFileName(dir);
            if (!IsId(id)) continue;
            var upload = Read<ImportUpload>(id, "upload.json");
            var created = upload?.CreatedAt ?? new DateTimeOffset(Directory.GetCreationTimeUtc(dir), TimeSpan.Zero);
            if (clock.GetUtcNow() - created < KeptFor) continue;
            try
            {
                Directory.Delete(dir, recursive: true);
                deleted++;
            }
            catch (IOException) { } // still being written; the next sweep takes it
        }
        return deleted;
    }

    private T? Read<T>(string id, string name) where T : class
    {
        var path = Path.Combine(Folder(id), name);
        lock (_gate)
            return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) : null;
    }

    private void Write<T>(string id, string name, T value)
    {
        var path = Path.Combine(Folder(id), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        lock (_gate)
        {
            // Write then rename, so a reader never sees half a file.
            File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(value, Json));
            File.Move(path + ".tmp", path, overwrite: true);
        }
    }
}
