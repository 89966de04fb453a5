using Microsoft.AspNetCore.Mvc;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Auth;

namespace SafeSocial.Web.Pages.Consent;

/// <summary>What the pupil page shows about consent, read by itself so the pupil page needs one line for it.</summary>
public sealed record PupilConsentSection(Guid OrgId, PupilConsent Consent, bool CanManage);

/// <summary>The pupil page's consent section: <c>@await Component.InvokeAsync("PupilConsent", new { orgId, pupilId })</c>.</summary>
public sealed class PupilConsentViewComponent(PupilConsentService consent, CurrentPerson person) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid orgId, Guid pupilId)
    {
        var found = await consent.ForAsync(orgId, pupilId, HttpContext.RequestAborted);
        if (found is null) return Content("");
        var canManage = (await person.AccessAsync()).Can(orgId, Permission.ManageConsent);
        return View("/Pages/Consent/_PupilConsent.cshtml", new PupilConsentSection(orgId, found, canManage));
    }
}

/// <summary>The consent badge of one pupil (a page heading); lists use <see cref="ConsentRoster.LevelsAsync"/> for all their pupils at once.</summary>
public sealed class ConsentBadgeViewComponent(ConsentRoster roster, ConsentPolicyService policies, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid orgId, Guid pupilId)
    {
        var policy = await policies.ForAsync(orgId, HttpContext.RequestAborted);
        var levels = await roster.LevelsAsync(orgId, [pupilId], policy, Core.UkTime.Today(clock), HttpContext.RequestAborted);
        return View("/Pages/Consent/_ConsentBadge.cshtml", levels.TryGetValue(pupilId, out var level) ? level : (ConsentLevel?)null);
    }
}
