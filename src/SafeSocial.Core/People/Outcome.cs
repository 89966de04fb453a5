namespace SafeSocial.Core.People;

/// <summary>Something the person must fix, named by the form field it concerns ("" for the whole form).</summary>
public sealed record Problem(string Field, string Message);

/// <summary>What a change asked of a service came to: done, refused with problems to fix, or no such record here.</summary>
public sealed record Outcome(bool Found, IReadOnlyList<Problem> Problems)
{
    public static readonly Outcome Done = new(true, []);
    public static readonly Outcome NotFound = new(false, []);

    public bool Succeeded => Found && Problems.Count == 0;

    public static Outcome Refused(string field, string message) => new(true, [new Problem(field, message)]);
    public static Outcome Refused(IReadOnlyList<Problem> problems) => new(true, problems);
}
