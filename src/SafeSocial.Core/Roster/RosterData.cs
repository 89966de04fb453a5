namespace SafeSocial.Core.Roster;

public enum RosterFormat { OneRoster11, OneRoster12, SchoolDataSync21, SchoolDataSync2, SchoolDataSyncClassic, SchoolDataSyncClassicUk }

/// <summary>Full: the files hold everyone, so anyone missing has left. Delta: the files hold only changes.</summary>
public enum RosterMode { Full, Delta }

public enum RosterPersonKind { Pupil, Staff, Parent }

public static class RosterFormats
{
    public static string Title(this RosterFormat f) => f switch
    {
        RosterFormat.OneRoster11 => "OneRoster 1.1",
        RosterFormat.OneRoster12 => "OneRoster 1.2",
        RosterFormat.SchoolDataSync21 => "Microsoft School Data Sync v2.1",
        RosterFormat.SchoolDataSync2 => "Microsoft School Data Sync v2",
        RosterFormat.SchoolDataSyncClassic => "Microsoft School Data Sync (classic CSV: School.csv, Student.csv, Section.csv…)",
        RosterFormat.SchoolDataSyncClassicUk => "Microsoft School Data Sync (classic CSV, UK format with DfE numbers)",
        _ => f.ToString(),
    };
}

/// <summary>What the files say, in one shape whichever format they came in, before it is compared with SafeSocial.</summary>
public sealed class RosterData
{
    public RosterFormat Format { get; set; }
    public RosterMode Mode { get; set; }
    public Dictionary<string, RosterOrg> Orgs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RosterUser> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RosterClass> Classes { get; } = new(StringComparer.Ordinal);
    public List<RosterEnrollment> Enrollments { get; } = [];
    /// <summary>Pupil–parent links as files state them (School Data Sync's relationships.csv).</summary>
    public List<RosterLink> Links { get; } = [];
    public bool HasClasses { get; set; }
    public bool HasEnrollments { get; set; }
    public bool HasDemographics { get; set; }
    public bool HasPreferredNames { get; set; }
    public bool HasGrades { get; set; }
    public bool HasEmail { get; set; }
    public bool HasPhone { get; set; }
    public long RowsRead { get; set; }
    /// <summary>The columns that hold names, for messages about blank ones.</summary>
    public (string Given, string Family) NameColumns { get; set; } = ("givenName", "familyName");
    /// <summary>Things the person should know that are not problems, such as how blank statuses were read.</summary>
    public List<string> Notes { get; } = [];
}

public sealed record RosterOrg(string SourcedId, string Name, string? Type, string? ParentSourcedId, RosterPosition At);

public sealed class RosterUser(string sourcedId, RosterPosition at)
{
    public string SourcedId { get; } = sourcedId;
    public RosterPosition At { get; } = at;
    public bool Deleted { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? PreferredGivenName { get; set; }
    public string? PreferredFamilyName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Grade { get; set; }
    public RosterPosition? GradeAt { get; set; }
    /// <summary>OneRoster 1.1: the organisations the user belongs to; their role applies in each.</summary>
    public List<string> OrgSourcedIds { get; } = [];
    public List<RosterUserRole> Roles { get; } = [];
    public List<string> Agents { get; } = [];
    public RosterPosition? AgentsAt { get; set; }
    /// <summary>An extension column's words for the relationship ("Mother"), where the MIS gives them.</summary>
    public string? Relationship { get; set; }
    public bool? ParentalResponsibility { get; set; }

    public bool Is(RosterPersonKind kind) => Roles.Any(r => r.Kind == kind);
}

/// <param name="OrgSourcedId">Null when the role applies in every organisation of the user (OneRoster 1.1).</param>
public sealed record RosterUserRole(RosterPersonKind Kind, string Role, string? OrgSourcedId, DateOnly? Begin, bool Deleted, RosterPosition At)
{
    public DateOnly? Begin { get; set; } = Begin;
}

/// <param name="Code">The MIS's short code for the class (OneRoster classCode), which tells apart classes with one name.</param>
public sealed record RosterClass(string SourcedId, string Title, string? SchoolSourcedId, bool? IsHomeroom, string? Grades, bool Deleted, RosterPosition At, string? Code = null);

public sealed record RosterEnrollment(string ClassSourcedId, string UserSourcedId, string Role, string? SchoolSourcedId, bool Deleted, RosterPosition ClassAt, RosterPosition UserAt);

public sealed record RosterLink(string PupilSourcedId, string RelatedSourcedId, string Role, RosterPosition PupilAt, RosterPosition RelatedAt);
