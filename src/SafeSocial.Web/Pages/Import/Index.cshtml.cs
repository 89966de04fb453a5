using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;
using SafeSocial.Web.Import;

namespace SafeSocial.Web.Pages.Import;

[RequirePermission(Permission.ImportRoster)]
[RequestSizeLimit(UploadCheck.RequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadCheck.RequestBytes)]
public class IndexModel(CurrentPerson person, ImportUploads uploads, ImportQueue queue) : PageModel
{
    public Membership Membership { get; private set; } = null!;
    /// <summary>For a trust: its schools the person may import into, since a roster belongs to one school.</summary>
    public IReadOnlyList<Membership> Schools { get; private set; } = [];
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public async Task OnGetAsync(Guid orgId) => await LoadAsync(orgId);

    public async Task<IActionResult> OnPostAsync(Guid orgId, CancellationToken ct)
    {
        await LoadAsync(orgId);
        if (Membership.Kind != OrganisationKind.School) return NotFound();
        if (UploadCheck.Problem(Files) is { } problem)
        {
            ModelState.AddModelError(nameof(Files), problem);
            return Page();
        }
        var upload = await uploads.CreateAsync(orgId, person.UserId, person.Name, Files.Where(f => !string.IsNullOrEmpty(f.FileName)).ToList(), ct);
        queue.Enqueue(new ImportWork(upload.Id, orgId, person.UserId, person.Name, HttpContext.Connection.RemoteIpAddress?.ToString()));
        return RedirectToPage("Progress", new { orgId, uploadId = upload.Id });
    }

    private async Task LoadAsync(Guid orgId)
    {
        var access = await person.AccessAsync();
        Membership = access.In(orgId)!;
        if (Membership.Kind == OrganisationKind.Trust)
            Schools = access.Memberships.Where(m => m.TrustId == orgId && m.Kind == OrganisationKind.School && m.Permissions.Contains(Permission.ImportRoster)).ToList();
    }
}
