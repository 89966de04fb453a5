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

    public int Leaving => (Preview.CountOf(RosterRecordKind.Pupils)?.Leaving ?? 0) + (Preview.CountOf(RosterRecordKind.Staff)?.Leaving ?? 0);

    public async Task<IActionResult> OnGetAsync(Guid orgId, string uploadId) =>
        await LoadAsync(orgId, uploadId) ?? Page();

    public async Task<IActionResult> OnPostSchoolAsync(Guid orgId, string uploadId)
    {
        if (await LoadAsync(orgId, uploadId) is { } elsewhere) return elsewhere;
        if (!Preview.NeedsSchoolChoice) return RedirectToPage();
        if (Preview.SchoolChoices.All(c => c.SourcedId != SchoolSourcedId))
        {
            ModelState.AddModelError(nameof(SchoolSourcedId), $"Select which organisation in the files is {SchoolName}");
            return Page();
        }
        Upload.SchoolSourcedId = SchoolSourcedId;
        return Queue(orgId, apply: false);
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid orgId, string uploadId)
    {
        if (await LoadAsync(orgId, uploadId) is { } elsewhere) return elsewhere;
        if (!Preview.CanApply || Preview.TotalChanges == 0) return RedirectToPage();
        if (Leaving > 0 && !ConfirmLeavers)
        {
            ModelState.AddModelError(nameof(ConfirmLeavers), $"Confirm that the {Leaving} {(Leaving == 1 ? "person" : "people")} listed as leaving have left the school");
            return Page();
        }
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
