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
        var f = FormField.Of(ViewContext, For, Hint);
        // A password typed is never sent back to the browser, even when the form has errors.
        var value = Type == "password" ? null : f.AttemptedValue ?? For.Model?.ToString();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", f.GroupClass);
        var label = $"<label class=\"govuk-label{(LabelIsHeading ? " govuk-label--l" : "")}\" for=\"{f.Id}\">{enc.Encode(Label)}</label>";
        if (LabelIsHeading) label = $"<h1 class=\"govuk-label-wrapper\">{label}</h1>";
        var html = label + f.HintAndError
            + $"<input class=\"govuk-input{(Width is null ? "" : $" govuk-input--width-{enc.Encode(Width)}")}{(f.Error is null ? "" : " govuk-input--error")}\" id=\"{f.Id}\" name=\"{enc.Encode(f.Name)}\" type=\"{enc.Encode(Type)}\""
            + (value is null ? "" : $" value=\"{enc.Encode(value)}\"")
            + (Autocomplete is null ? "" : $" autocomplete=\"{enc.Encode(Autocomplete)}\"")
            + (Inputmode is null ? "" : $" inputmode=\"{enc.Encode(Inputmode)}\"")
            + f.DescribedByAttribute
            + (Type == "password" ? " spellcheck=\"false\"" : "")
            + ">";
        output.Content.SetHtmlContent(html);
    }
}
