using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SafeSocial.Web.TagHelpers;

/// <summary>A GOV.UK textarea with its label, hint and error message, bound to a page property.</summary>
[HtmlTargetElement("govuk-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TextareaTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;
    [HtmlAttributeName("for")] public required ModelExpression For { get; set; }
    public required string Label { get; set; }
    public string? Hint { get; set; }
    public int Rows { get; set; } = 3;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var enc = HtmlEncoder.Default;
        var name = For.Name;
        var id = ErrorSummaryTagHelper.FieldId(name);
        var state = ViewContext.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage;
        var value = state?.AttemptedValue ?? For.Model?.ToString();
        var describedBy = string.Join(' ', new[] { Hint is null ? null : $"{id}-hint", error is null ? null : $"{id}-error" }.Where(x => x is not null));

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (error is null ? "" : " govuk-form-group--error"));
        output.Content.SetHtmlContent(
            $"<label class=\"govuk-label\" for=\"{id}\">{enc.Encode(Label)}</label>"
            + (Hint is null ? "" : $"<div id=\"{id}-hint\" class=\"govuk-hint\">{enc.Encode(Hint)}</div>")
            + (error is null ? "" : $"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {enc.Encode(error)}</p>")
            + $"<textarea class=\"govuk-textarea{(error is null ? "" : " govuk-textarea--error")}\" id=\"{id}\" name=\"{enc.Encode(name)}\" rows=\"{Rows}\""
            + (describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"")
            + $">{enc.Encode(value ?? "")}</textarea>");
    }
}
