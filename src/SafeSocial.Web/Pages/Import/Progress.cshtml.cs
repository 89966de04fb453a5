using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Roster;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Import;

namespace SafeSocial.Web.Pages.Import;

/// <summary>Where an upload has got: it sends the person on when the work is done, and refreshes itself until then.</summary>
[RequirePermission(Permission.ImportRoster)]
public class ProgressModel(ImportUploads uploads, ImportQueue queue, CurrentPerson person) : PageModel
{
    public ImportUpload Upload { get; private set; } = null!;
    public RosterProgress? Progress { get; private set; }
    public bool AutoRefresh { get; private set; }

    public IActionResult OnGet(Guid orgId, string uploadId, string? refresh)
    {
        if (uploads.Find(orgId, uploadId) is not { } upload) return NotFound();
        Upload = upload;
        Progress = queue.ProgressOf(upload.Id);
        if (Progress is null && upload.State is ImportState.Waiting or ImportState.Checking or ImportState.Applying)
        {
            // The worker saves the state before it forgets the progress: read it again before deciding it was interrupted.
            Upload = upload = uploads.Find(orgId, uploadId)!;
            if (upload.State is ImportState.Waiting or ImportState.Checking or ImportState.Applying) Resume(orgId, upload);
        }
        switch (upload.State)
        {
            case ImportState.Checked: return RedirectToPage("Preview", new { orgId, uploadId });
            case ImportState.Applied: return RedirectToPage("Done", new { orgId, uploadId });
        }
        AutoRefresh = upload.State != ImportState.Failed && refresh != "off";
        return Page();
    }

    /// <summary>The application restarted while the upload was waiting or being worked on.</summary>
    private void Resume(Guid orgId, ImportUpload upload)
    {
        if (upload.State == ImportState.Applying)
        {
            upload.State = ImportState.Failed;
            upload.Failure = "The import was interrupted while it was being applied. An import is applied all at once or not at all; upload the files again to see whether anything still needs changing.";
            uploads.Save(upload);
            return;
        }
        upload.State = ImportState.Waiting;
        uploads.Save(upload);
        queue.Enqueue(new ImportWork(upload.Id, orgId, person.UserId, person.Name, HttpContext.Connection.RemoteIpAddress?.ToString()));
        Progress = queue.ProgressOf(upload.Id);
    }
}
