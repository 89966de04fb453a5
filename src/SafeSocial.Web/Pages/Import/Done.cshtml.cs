using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Roster;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Import;

namespace SafeSocial.Web.Pages.Import;

/// <summary>What an applied import changed.</summary>
[RequirePermission(Permission.ImportRoster)]
public class DoneModel(ImportUploads uploads) : PageModel
{
    public RosterPreview Result { get; private set; } = null!;

    public IActionResult OnGet(Guid orgId, string uploadId)
    {
        if (uploads.Find(orgId, uploadId) is not { } upload) return NotFound();
        if (upload.State != ImportState.Applied || uploads.Result(upload.Id) is not { } result) return RedirectToPage("Progress", new { orgId, uploadId });
        Result = result;
        return Page();
    }
}
