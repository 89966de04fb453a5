using System.Globalization;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Roster;

/// <summary>The school's records as they are now, read once before comparing.</summary>
internal sealed record ExistingRoster(List<Pupil> Pupils, List<StaffMember> Staff, List<Parent> Parents, List<PupilParent> Links, List<SchoolClass> Classes,
    List<ClassTeacher> ClassTeachers);

internal enum RosterOpKind { Add, Update, Remove }

/// <summary>One write: add a new record, set some properties of an existing one, or remove a link.</summary>
internal sealed record RosterOp(RosterOpKind Kind, object Entity, List<(string Property, object? Value)>? Values = null);

/// <summary>What an import will write, in an order the foreign keys allow, with the preview that describes it.</summary>
internal sealed class RosterPlan(RosterPreview preview)
{
    public RosterPreview Preview { get; } = preview;
    public List<RosterOp> ClassOps { get; } = [];
    public List<RosterOp> PersonOps { get; } = [];
    public List<RosterOp> LinkOps { get; } = [];
    /// <summary>The school's roster id, when the person chose it from the file in this import.</summary>
    public string? NewSchoolSourcedId { get; set; }

    /// <summary>Classes before the pupils placed in them; people before the links between them; unlinks before links.</summary>
    public IEnumerable<RosterOp> Ops =>
        ClassOps.Concat(PersonOps).Concat(LinkOps.Where(o => o.Kind == RosterOpKind.Remove)).Concat(LinkOps.Where(o => o.Kind != RosterOpKind.Remove));

    public int OpCount => ClassOps.Count + PersonOps.Count + LinkOps.Count;
}

/// <summary>The differences between one existing record and what the files say, as property values and as words.</summary>
internal sealed class RecordDiff
{
    public List<(string Property, object? Value)> Values { get; } = [];
    public List<RosterFieldChange> Fields { get; } = [];
    public bool Any => Values.Count > 0;

    public void Set<T>(string property, string label, T current, T desired, Func<T, string?>? show = null)
    {
        if (EqualityComparer<T>.Default.Equals(current, desired)) return;
        Values.Add((property, desired));
        show ??= Show;
        Fields.Add(new RosterFieldChange(label, show(current), show(desired)));
    }

    /// <summary>A value that follows from the others (such as the search name) and is not shown as a change.</summary>
    public void SetQuietly(string property, object? value) => Values.Add((property, value));

    public static string? Show<T>(T value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        bool b => b ? "Yes" : "No",
        _ => value.ToString(),
    };
}
