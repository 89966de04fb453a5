namespace SafeSocial.Core.People;

/// <summary>How year groups read and sort: Nursery, Reception, then Year 1 to Year 13.</summary>
public static class YearGroups
{
    public static string Label(string? yearGroup) => yearGroup switch
    {
        null or "" => "Not recorded",
        "N" or "n" => "Nursery",
        "R" or "r" => "Reception",
        _ when int.TryParse(yearGroup, out var y) => $"Year {y}",
        _ => yearGroup,
    };

    public static int SortKey(string? yearGroup) => yearGroup switch
    {
        "N" or "n" => -2,
        "R" or "r" => -1,
        _ when int.TryParse(yearGroup, out var y) => y,
        _ => 100,
    };

    public static IEnumerable<string> InOrder(IEnumerable<string> yearGroups) =>
        yearGroups.Distinct().OrderBy(SortKey).ThenBy(y => y, StringComparer.Ordinal);
}
