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
        var f = FormField.Of(ViewContext, For, Hint);
        var value = f.AttemptedValue ?? For.Model?.ToString();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", f.GroupClass);
        output.Content.SetHtmlContent(
            $"<label class=\"govuk-label\" for=\"{f.Id}\">{enc.Encode(Label)}</label>" + f.HintAndError
            + $"<textarea class=\"govuk-textarea{(f.Error is null ? "" : " govuk-textarea--error")}\" id=\"{f.Id}\" name=\"{enc.Encode(f.Name)}\" rows=\"{Rows}\"{f.DescribedByAttribute}>"
            + $"{enc.Encode(value ?? "")}</textarea>");
    }
}
