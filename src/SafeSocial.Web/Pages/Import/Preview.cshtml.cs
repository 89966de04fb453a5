using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Roster;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Import;

namespace SafeSocial.Web.Pages.Import;

/// <summary>A table of problems on the preview: the errors to fix, or the warnings to check.</summary>
public sealed record ProblemTable(IReadOnlyList<RosterProblem> Problems, int NotShown, string Heading, string Id);

/// <summary>What the import would do and every problem with the files; the person applies it from here, or says which organisation in the files is their school.</summary>
[RequirePermission(Permission.ImportRoster)]
public class PreviewModel(ImportUploads uploads, ImportQueue queue, CurrentPerson person) : PageModel
{
    public ImportUpload Upload { get; private set; } = null!;
    public RosterPreview Preview { get; private set; } = null!;
    public string SchoolName { get; private set; } = "";
    [BindProperty] public string? SchoolSourcedId { get; set; }
    [BindProperty] public bool ConfirmLeavers { get; set; }
    [BindProperty] public bool ConfirmSchool { get; set; }
    /// <summary>The person asked to choose again which organisation in the files is the school.</summary>
    [BindProperty(SupportsGet = true)] public bool Choose { get; set; }

    public bool ShowsSchoolChoice => Preview.NeedsSchoolChoice || (Choose && Preview.ErrorCount == 0 && Preview.SchoolChoices.Count > 0);

    /// <summary>The organisation in the files that is the school, as the files name it.</summary>
    public string SchoolInFiles => Preview.SchoolChoices.FirstOrDefault(c => c.SourcedId == Preview.SchoolSourcedId)?.Name is { } name
        ? $"{name} (roster id {Preview.SchoolSourcedId})" : $"roster id {Preview.SchoolSourcedId}";

    public int Leaving => (Preview.CountOf(RosterRecordKind.Pupils)?.Leaving ?? 0) + (Preview.CountOf(RosterRecordKind.Staff)?.Leaving ?? 0);

    public async Task<IActionResult> OnGetAsync(Guid orgId, string uploadId) =>
        await LoadAsync(orgId, uploadId) ?? Page();

    public async Task<IActionResult> OnPostSchoolAsync(Guid orgId, string uploadId)
    {
        if (await LoadAsync(orgId, uploadId) is { } elsewhere) return elsewhere;
        if (Preview.SchoolChoices.Count == 0) return RedirectToPage();
        if (Preview.SchoolChoices.All(c => c.SourcedId != SchoolSourcedId))
        {
            Choose = true;
            ModelState.AddModelError(nameof(SchoolSourcedId), $"Select which school in the files is {SchoolName}");
            return Page();
        }
        Upload.SchoolSourcedId = SchoolSourcedId;
        Upload.SchoolConfirmed = false;
        return Queue(orgId, apply: false);
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid orgId, string uploadId)
    {
        if (await LoadAsync(orgId, uploadId) is { } elsewhere) return elsewhere;
        if (!Preview.CanApply || Preview.TotalChanges == 0) return RedirectToPage();
        if (Preview.SchoolNeedsConfirming && !ConfirmSchool)
            ModelState.AddModelError(nameof(ConfirmSchool), $"Confirm that {SchoolName} is {SchoolInFiles} in these files");
        if (Leaving > 0 && !ConfirmLeavers)
            ModelState.AddModelError(nameof(ConfirmLeavers), $"Confirm that the {Leaving} {(Leaving == 1 ? "person" : "people")} listed as leaving have left the school");
        if (!ModelState.IsValid) return Page();
        Upload.SchoolConfirmed = Preview.SchoolNeedsConfirming;
        return Queue(orgId, apply: true);
    }

    private RedirectToPageResult Queue(Guid orgId, bool apply)
    {
        Upload.ApplyRequested = apply;
        Upload.ChangedSincePreview = false;
        Upload.State = ImportState.Waiting;
        uploads.Save(Upload);
        queue.Enqueue(new ImportWork(Upload.Id, orgId, person.UserId, person.Name, HttpContext.Connection.RemoteIpAddress?.ToString()));
        return RedirectToPage("Progress", new { orgId, uploadId = Upload.Id });
    }

    /// <summary>Null when the preview is ready to show; otherwise where to go instead.</summary>
    private async Task<IActionResult?> LoadAsync(Guid orgId, string uploadId)
    {
        if (uploads.Find(orgId, uploadId) is not { } upload) return NotFound();
        if (upload.State != ImportState.Checked || uploads.Preview(upload.Id) is not { } preview)
            return RedirectToPage("Progress", new { orgId, uploadId });
        (Upload, Preview) = (upload, preview);
        SchoolName = (await person.AccessAsync()).In(orgId)!.OrganisationName;
        return null;
    }
}
