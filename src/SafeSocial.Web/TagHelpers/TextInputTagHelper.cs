using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SafeSocial.Web.TagHelpers;

/// <summary>A GOV.UK text input with its label, hint and error message, bound to a page property.</summary>
[HtmlTargetElement("govuk-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TextInputTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;
    [HtmlAttributeName("for")] public required ModelExpression For { get; set; }
    public required string Label { get; set; }
    public string? Hint { get; set; }
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public string? Inputmode { get; set; }
    public string? Width { get; set; }
    public bool LabelIsHeading { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var enc = HtmlEncoder.Default;
        var name = For.Name;
        var id = ErrorSummaryTagHelper.FieldId(name);
        var state = ViewContext.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage;
        var value = state?.AttemptedValue ?? (Type == "password" ? null : For.Model?.ToString());
        var describedBy = string.Join(' ', new[] { Hint is null ? null : $"{id}-hint", error is null ? null : $"{id}-error" }.Where(x => x is not null));

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (error is null ? "" : " govuk-form-group--error"));
        var label = $"<label class=\"govuk-label{(LabelIsHeading ? " govuk-label--l" : "")}\" for=\"{id}\">{enc.Encode(Label)}</label>";
        if (LabelIsHeading) label = $"<h1 class=\"govuk-label-wrapper\">{label}</h1>";
        var html = label
            + (Hint is null ? "" : $"<div id=\"{id}-hint\" class=\"govuk-hint\">{enc.Encode(Hint)}</div>")
            + (error is null ? "" : $"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {enc.Encode(error)}</p>")
            + $"<input class=\"govuk-input{(Width is null ? "" : $" govuk-input--width-{enc.Encode(Width)}")}{(error is null ? "" : " govuk-input--error")}\" id=\"{id}\" name=\"{enc.Encode(name)}\" type=\"{enc.Encode(Type)}\""
            + (value is null ? "" : $" value=\"{enc.Encode(value)}\"")
            + (Autocomplete is null ? "" : $" autocomplete=\"{enc.Encode(Autocomplete)}\"")
            + (Inputmode is null ? "" : $" inputmode=\"{enc.Encode(Inputmode)}\"")
            + (describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"")
            + (Type == "password" ? " spellcheck=\"false\"" : "")
            + ">";
        output.Content.SetHtmlContent(html);
    }
}
