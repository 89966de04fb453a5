using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SafeSocial.Web.Forms;

/// <summary>Reads a field's first error for the hand-written GOV.UK fields (radios, textareas) in views.</summary>
public static class FormErrors
{
    public static string? For(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
