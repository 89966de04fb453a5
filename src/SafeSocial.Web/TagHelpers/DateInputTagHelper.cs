using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SafeSocial.Web.TagHelpers;

/// <summary>The GOV.UK date input (day, month, year in a fieldset) bound to a <see cref="DateParts"/> property.</summary>
[HtmlTargetElement("govuk-date", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DateInputTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;
    [HtmlAttributeName("for")] public required ModelExpression For { get; set; }
    public required string Legend { get; set; }
    public string? Hint { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var enc = HtmlEncoder.Default;
        var name = For.Name;
        var id = ErrorSummaryTagHelper.FieldId(name);
        var error = ViewContext.ModelState.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        var parts = For.Model as DateParts ?? new DateParts();
        var describedBy = string.Join(' ', new[] { Hint is null ? null : $"{id}-hint", error is null ? null : $"{id}-error" }.Where(x => x is not null));

        string Item(string part, string label, string? value, int width, bool first) =>
            "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">" +
            $"<label class=\"govuk-label govuk-date-input__label\" for=\"{(first ? id : $"{id}_{part}")}\">{label}</label>" +
            $"<input class=\"govuk-input govuk-date-input__input govuk-input--width-{width}{(error is null ? "" : " govuk-input--error")}\" id=\"{(first ? id : $"{id}_{part}")}\" " +
            $"name=\"{enc.Encode(name)}.{part}\" type=\"text\" inputmode=\"numeric\"{(value is null ? "" : $" value=\"{enc.Encode(value)}\"")}></div></div>";

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (error is null ? "" : " govuk-form-group--error"));
        output.Content.SetHtmlContent(
            $"<fieldset class=\"govuk-fieldset\" role=\"group\"{(describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"")}>" +
            $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">{enc.Encode(Legend)}</legend>" +
            (Hint is null ? "" : $"<div id=\"{id}-hint\" class=\"govuk-hint\">{enc.Encode(Hint)}</div>") +
            (error is null ? "" : $"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {enc.Encode(error)}</p>") +
            $"<div class=\"govuk-date-input\" id=\"{id}-input\">" +
            Item("Day", "Day", parts.Day, 2, true) + Item("Month", "Month", parts.Month, 2, false) + Item("Year", "Year", parts.Year, 4, false) +
            "</div></fieldset>");
    }
}
