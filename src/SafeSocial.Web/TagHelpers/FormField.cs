using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SafeSocial.Web.TagHelpers;

/// <summary>What every GOV.UK form field shares: its id, the value as typed, its error, and the hint and error markup.</summary>
internal sealed record FormField(string Id, string Name, string? Error, string? AttemptedValue, string DescribedBy, string HintAndError)
{
    public static FormField Of(ViewContext view, ModelExpression field, string? hint)
    {
        var enc = HtmlEncoder.Default;
        var id = ErrorSummaryTagHelper.FieldId(field.Name);
        var state = view.ModelState.TryGetValue(field.Name, out var entry) ? entry : null;
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage;
        var describedBy = string.Join(' ', new[] { hint is null ? null : $"{id}-hint", error is null ? null : $"{id}-error" }.Where(x => x is not null));
        var html = (hint is null ? "" : $"<div id=\"{id}-hint\" class=\"govuk-hint\">{enc.Encode(hint)}</div>")
            + (error is null ? "" : $"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {enc.Encode(error)}</p>");
        return new FormField(id, field.Name, error, state?.AttemptedValue, describedBy, html);
    }

    public string GroupClass => "govuk-form-group" + (Error is null ? "" : " govuk-form-group--error");
    public string DescribedByAttribute => DescribedBy.Length == 0 ? "" : $" aria-describedby=\"{DescribedBy}\"";
}
