namespace SafeSocial.Core.Roster;

public enum RosterRecordKind { Pupils, Staff, Parents, ParentLinks, Classes, ClassTeachers }

public static class RosterRecordKinds
{
    public static string Title(this RosterRecordKind k) => k switch
    {
        RosterRecordKind.Pupils => "Pupils",
        RosterRecordKind.Staff => "Staff",
        RosterRecordKind.Parents => "Parents and carers",
        RosterRecordKind.ParentLinks => "Links between pupils and parents",
        RosterRecordKind.Classes => "Classes",
        RosterRecordKind.ClassTeachers => "Teachers linked to their classes",
        _ => k.ToString(),
    };
}

/// <summary>How many records of one kind the import adds, changes, leaves alone and marks as leavers (or unlinks).</summary>
public sealed record RosterCount(RosterRecordKind Kind, int Added, int Updated, int Unchanged, int Leaving, Dictionary<string, int> FieldsChanged);

public sealed record RosterFieldChange(string Field, string? From, string? To);

/// <param name="Action">Added, Updated, Leaving or Unlinked.</param>
public sealed record RosterChange(RosterRecordKind Kind, string Action, string Name, string SourcedId, List<RosterFieldChange> Fields, bool HasSignIn = false);

/// <param name="AlsoOf">Another school of the trust that already has this roster id.</param>
public sealed record RosterSchoolChoice(string SourcedId, string Name, string? Type, string? AlsoOf = null);

/// <summary>What an import would do, shown before anything is applied. Stored between the steps as JSON.</summary>
public sealed class RosterPreview
{
    public const int ChangesShown = 500;

    public string Files { get; set; } = "";
    public RosterFormat? Format { get; set; }
    public RosterMode Mode { get; set; }
    public string? SchoolSourcedId { get; set; }
    /// <summary>The school's roster id was chosen from the file in this import and is saved with it.</summary>
    public bool SchoolSourcedIdIsNew { get; set; }
    /// <summary>The roster id the school had, when the chosen one replaces it.</summary>
    public string? PreviousSchoolSourcedId { get; set; }
    /// <summary>Another school of the trust that has the chosen roster id too.</summary>
    public string? SchoolSourcedIdAlsoOf { get; set; }
    /// <summary>The school's roster id, when the files do not include it (so the person is asked to choose).</summary>
    public string? SchoolNotInFiles { get; set; }
    public List<RosterSchoolChoice> SchoolChoices { get; set; } = [];
    public List<RosterCount> Counts { get; set; } = [];
    public List<RosterChange> Changes { get; set; } = [];
    public int ChangesNotShown { get; set; }
    public List<RosterChange> Leavers { get; set; } = [];
    public int LeaversNotShown { get; set; }
    public List<RosterProblem> Problems { get; set; } = [];
    public int ErrorCount { get; set; }
    public int WarningCount { get; set; }
    public int ProblemsNotShown { get; set; }
    public List<string> Notes { get; set; } = [];
    public long RowsRead { get; set; }

    public bool NeedsSchoolChoice => SchoolSourcedId is null && ErrorCount == 0 && SchoolChoices.Count > 0;
    /// <summary>Replacing the school's roster id, or sharing another school's, is confirmed before it is applied.</summary>
    public bool SchoolNeedsConfirming => SchoolSourcedIdIsNew && (PreviousSchoolSourcedId is not null || SchoolSourcedIdAlsoOf is not null);
    /// <summary>Records added, changed or leaving, and the school's own roster id when it changes.</summary>
    public int TotalChanges => Counts.Sum(c => c.Added + c.Updated + c.Leaving) + (SchoolSourcedIdIsNew ? 1 : 0);
    public bool CanApply => ErrorCount == 0 && SchoolSourcedId is not null && Format is not null;
    public RosterCount? CountOf(RosterRecordKind kind) => Counts.FirstOrDefault(c => c.Kind == kind);

    /// <summary>What apply checks against, so nothing different from what the person saw is applied.</summary>
    public string Fingerprint => string.Join(";", Counts.Select(c => $"{c.Kind}:{c.Added}/{c.Updated}/{c.Leaving}")) + $";{SchoolSourcedId}";
}
