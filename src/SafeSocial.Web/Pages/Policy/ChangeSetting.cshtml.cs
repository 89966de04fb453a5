using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Policy;

/// <summary>Set one policy setting for this school (or trust), or go back to inheriting it.</summary>
[RequirePermission(Permission.ManagePolicy)]
public class ChangeSettingModel(PolicySettingsService settings, CurrentPerson person) : PageModel
{
    public const string Inherit = "inherit";
    public const string Own = "own";

    [BindProperty] public string? Choice { get; set; }
    [BindProperty] public string? Value { get; set; }

    public Membership Membership { get; private set; } = null!;
    public SettingLayer Layer { get; private set; } = null!;
    public string Here => Membership.Kind == OrganisationKind.Trust ? "this trust" : "this school";

    public async Task<IActionResult> OnGetAsync(Guid orgId, string key, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, key, ct)) return NotFound();
        Choice = Layer.OwnValue is not { } own ? Inherit : Layer.Setting.Choices is null ? Own : own.ToString();
        Value = Layer.OwnValue?.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid orgId, string key, CancellationToken ct)
    {
        if (!await LoadAsync(orgId, key, ct)) return NotFound();
        var s = Layer.Setting;
        int? value = null;
        if (s.Choices is not null)
        {
            if (Choice == Inherit) value = null;
            else if (int.TryParse(Choice, out var c) && s.Allows(c)) value = c;
            else ModelState.AddModelError(nameof(Choice), $"Select how {s.Title.ToLowerInvariant()} for {Here}");
        }
        else if (Choice is not (Inherit or Own)) ModelState.AddModelError(nameof(Choice), $"Select whether {Here} sets its own value");
        else if (Choice == Own)
        {
            if (string.IsNullOrWhiteSpace(Value)) ModelState.AddModelError(nameof(Value), $"Enter the number of {s.Unit}");
            else if (!int.TryParse(Value.Trim(), out var v)) ModelState.AddModelError(nameof(Value), $"{s.Title} must be a whole number of {s.Unit}");
            else if (v < s.Min || v > s.Max) ModelState.AddModelError(nameof(Value), $"{s.Title} must be between {s.Min} and {s.Max} {s.Unit}");
            else value = v;
        }
        if (!ModelState.IsValid) return Page();

        await settings.SetAsync(orgId, s, value, ct);
        var now = (await settings.LayersForAsync(orgId, ct))[s.Key];
        TempData["Changed"] = value is null
            ? $"{s.Title}: {Membership.OrganisationName} now follows {PolicySettingsText.Phrase(now.Source, Membership.Kind)}, {s.Describe(now.Value)}"
            : $"{s.Title} is now {s.Describe(now.Value)} for {Membership.OrganisationName}";
        return Redirect($"/o/{orgId}/policy/settings");
    }

    private async Task<bool> LoadAsync(Guid orgId, string key, CancellationToken ct)
    {
        if (PolicySettingDefinition.Find(key) is null) return false;
        Membership = (await person.AccessAsync()).In(orgId)!;
        Layer = (await settings.LayersForAsync(orgId, ct))[key];
        return true;
    }
}
