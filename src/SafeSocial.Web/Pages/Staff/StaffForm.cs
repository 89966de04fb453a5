using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.Pages.Staff;

/// <summary>What the add and change forms ask about a person.</summary>
public sealed class StaffInput
{
    public StaffKind? Kind { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? JobTitle { get; set; }
    public DateParts StartDate { get; set; } = new();
}

/// <summary>The add and change pages share their fields (_StaffFields) and how problems reach the form.</summary>
public abstract class StaffFormModel : PageModel
{
    [BindProperty] public StaffInput Input { get; set; } = new();
    public Guid OrgId { get; protected set; }

    /// <summary>The form as a change for the service, or null after adding the problems the service cannot see.</summary>
    protected StaffChange? ReadInput()
    {
        ModelState.Clear(); // our own messages, not the binder's
        if (Input.Kind is null) ModelState.AddModelError("Input.Kind", "Select who they are");
        var start = Input.StartDate.Read(ModelState, "Input.StartDate", "Start date");
        return new StaffChange(Input.Kind ?? StaffKind.Staff, Input.FirstName, Input.LastName, Input.Email, Input.JobTitle, start);
    }

    protected void AddProblems(IEnumerable<Problem> problems)
    {
        foreach (var p in problems) ModelState.AddModelError(p.Field.Length == 0 ? "" : $"Input.{p.Field}", p.Message);
    }
}
