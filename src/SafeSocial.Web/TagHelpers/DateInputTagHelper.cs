using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using SafeSocial.Web.Forms;

namespace SafeSocial.Web.TagHelpers;

/// <summary>The GOV.UK date input (day, month, year in a fieldset) bound to a <see cref="DateParts"/> property.</summary>
[HtmlTargetElement("govuk-date-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DateInputTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;
    [HtmlAttributeName("for")] public required ModelExpression For { get; set; }
    public required string Legend { get; set; }
    public string? Hint { get; set; } = "For example, 27 3 2026";
    /// <summary>GOV.UK legend size: s, m, l or xl.</summary>
    public string LegendSize { get; set; } = "s";
    public bool LegendIsHeading { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var enc = HtmlEncoder.Default;
        var name = For.Name;
        var id = ErrorSummaryTagHelper.FieldId(name);
        var model = For.Model as DateParts ?? new DateParts();
        var state = ViewContext.ModelState;
        string? ErrorAt(string key) => state.TryGetValue(key, out var e) ? e.Errors.FirstOrDefault()?.ErrorMessage : null;
        string? Value(string part, string? fallback) => state.TryGetValue($"{name}.{part}", out var e) && e.AttemptedValue is not null ? e.AttemptedValue : fallback;

        var parts = new[]
        {
            (Part: "Day", Label: "Day", Id: id, Width: 2, Value: Value("Day", model.Day), Error: ErrorAt(name)),
            (Part: "Month", Label: "Month", Id: ErrorSummaryTagHelper.FieldId($"{name}.Month"), Width: 2, Value: Value("Month", model.Month), Error: ErrorAt($"{name}.Month")),
            (Part: "Year", Label: "Year", Id: ErrorSummaryTagHelper.FieldId($"{name}.Year"), Width: 4, Value: Value("Year", model.Year), Error: ErrorAt($"{name}.Year")),
        };
        var error = parts.Select(p => p.Error).FirstOrDefault(e => e is not null);
        // A whole-date error (the day itself is fine) marks every box; otherwise mark the boxes to fix and any left empty.
        var wholeDate = parts[0].Error is not null && int.TryParse(parts[0].Value, out var d) && d is >= 1 and <= 31;
        bool Marked(int i) => error is not null && (wholeDate || parts[i].Error is not null || string.IsNullOrWhiteSpace(parts[i].Value));

        var describedBy = string.Join(' ', new[] { Hint is null ? null : $"{id}-hint", error is null ? null : $"{id}-error" }.Where(x => x is not null));
        var legend = $"<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--{enc.Encode(LegendSize)}\">"
            + (LegendIsHeading ? $"<h1 class=\"govuk-fieldset__heading\">{enc.Encode(Legend)}</h1>" : enc.Encode(Legend)) + "</legend>";
        var boxes = string.Concat(parts.Select((p, i) =>
            "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">"
            + $"<label class=\"govuk-label govuk-date-input__label\" for=\"{p.Id}\">{p.Label}</label>"
            + $"<input class=\"govuk-input govuk-date-input__input govuk-input--width-{p.Width}{(Marked(i) ? " govuk-input--error" : "")}\" id=\"{p.Id}\" name=\"{enc.Encode(name)}.{p.Part}\" type=\"text\" inputmode=\"numeric\""
            + (p.Value is null ? "" : $" value=\"{enc.Encode(p.Value)}\"")
            + "></div></div>"));

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-form-group" + (error is null ? "" : " govuk-form-group--error"));
        output.Content.SetHtmlContent(
            $"<fieldset class=\"govuk-fieldset\" role=\"group\"{(describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"")}>"
            + legend
            + (Hint is null ? "" : $"<div id=\"{id}-hint\" class=\"govuk-hint\">{enc.Encode(Hint)}</div>")
            + (error is null ? "" : $"<p id=\"{id}-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> {enc.Encode(error)}</p>")
            + $"<div class=\"govuk-date-input\" id=\"{id}-input\">{boxes}</div></fieldset>");
    }
}
