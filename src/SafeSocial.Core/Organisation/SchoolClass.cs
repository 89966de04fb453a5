namespace SafeSocial.Core.Organisation;

/// <summary>A registration class, such as "Oak" in Year 3.</summary>
public class SchoolClass : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public string? YearGroup { get; set; }
    public string? SourcedId { get; set; }
    /// <summary>The MIS's short code for the class, from the roster.</summary>
    public string? Code { get; set; }
    /// <summary>The class's teachers as the roster names them ("Ewan Fraser, Ann Lee").</summary>
    public string? Teachers { get; set; }

    /// <summary>
    /// The name alone when no other class has it; otherwise with its teachers and code, so that four classes
    /// called "Maths" read as four different classes.
    /// </summary>
    public static string Label(string name, string? teachers, string? code, bool nameShared)
    {
        if (!nameShared) return name;
        var details = new[] { teachers, code is null ? null : $"code {code}" }.Where(d => !string.IsNullOrEmpty(d)).ToList();
        return details.Count == 0 ? $"{name} (no teacher or code in the roster)" : $"{name} ({string.Join(", ", details)})";
    }

    /// <summary>The names that more than one class has, ignoring case.</summary>
    public static HashSet<string> SharedNames(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.CurrentCultureIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.CurrentCultureIgnoreCase);
}
