using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SafeSocial.Web.TagHelpers;

/// <summary>The GOV.UK error summary: every problem on the page, each linking to its field.</summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;
    /// <summary>The form's field keys in page order, comma-separated: model state alone lists errors in no useful order.</summary>
    public string? FieldOrder { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ViewContext.ModelState
            .Where(kv => kv.Value?.Errors.Count > 0)
            .SelectMany(kv => kv.Value!.Errors.Select(e => (Key: kv.Key, e.ErrorMessage)))
            .ToList();
        if (errors.Count == 0) { output.SuppressOutput(); return; }
        var order = FieldOrder?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        int Position(string key) => Array.FindIndex(order, k => key == k || key.StartsWith(k + ".", StringComparison.Ordinal)) is var i and >= 0 ? i : order.Length;
        errors = errors.OrderBy(e => Position(e.Key)).ToList();
        ViewContext.ViewData["HasErrors"] = true;

        var enc = HtmlEncoder.Default;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-summary");
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");
        var items = string.Concat(errors.Select(e =>
            $"<li><a href=\"#{enc.Encode(FieldId(e.Key))}\">{enc.Encode(e.ErrorMessage)}</a></li>"));
        output.Content.SetHtmlContent(
            "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2>" +
            $"<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\">{items}</ul></div></div>");
    }

    /// <summary>The id ASP.NET gives the input for a model key ("Input.Email" becomes "Input_Email").</summary>
    public static string FieldId(string key) => string.IsNullOrEmpty(key) ? "main-content" : TagBuilder.CreateSanitizedId(key, "_");
}
