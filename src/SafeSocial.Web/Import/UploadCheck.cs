namespace SafeSocial.Web.Import;

/// <summary>What the upload form accepts: one zip, or CSV files, up to a size a roster export never reaches.</summary>
public static class UploadCheck
{
    public const long MaxBytes = 50L * 1024 * 1024;
    /// <summary>Larger than the limit we tell people, so that a file a little too large gets our message, not a bare error.</summary>
    public const long RequestBytes = 4 * MaxBytes;

    /// <summary>The GOV.UK-style error message for the chosen files, or null when they are fine.</summary>
    public static string? Problem(IReadOnlyList<IFormFile> files)
    {
        var chosen = files.Where(f => !string.IsNullOrEmpty(f.FileName)).ToList();
        if (chosen.Count == 0) return "Select the roster files: one zip file, or the CSV files your MIS exported";
        foreach (var f in chosen)
        {
            var name = Path.GetFileName(f.FileName);
            var extension = Path.GetExtension(name).ToLowerInvariant();
            if (extension is not (".zip" or ".csv")) return $"{name} must be a ZIP or CSV file";
            if (f.Length == 0) return $"{name} is empty";
        }
        if (chosen.Count(f => Path.GetExtension(f.FileName).Equals(".zip", StringComparison.OrdinalIgnoreCase)) is var zips && (zips > 1 || (zips == 1 && chosen.Count > 1)))
            return "Select either one zip file or the CSV files, not both";
        if (chosen.GroupBy(f => ImportUploads.SafeName(f.FileName), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"You selected {twice.Key} twice. Select each file once";
        if (chosen.Sum(f => f.Length) > MaxBytes) return $"The selected files must be smaller than {MaxBytes / 1024 / 1024}MB";
        return null;
    }
}
