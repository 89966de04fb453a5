namespace SafeSocial.Web.Pages.Consent;

/// <summary>One GOV.UK radio: its value, label and optional hint.</summary>
public sealed record RadioOption(string Value, string Text, string? Hint = null);

/// <summary>A GOV.UK radios fieldset for <c>_Radios</c>: the field name is also the first radio's id, where the error summary links.</summary>
public sealed record Radios(string Name, string Legend, IReadOnlyList<RadioOption> Options, string? Checked, string? Error, string? Hint = null,
    string LegendSize = "m", bool Inline = false);
