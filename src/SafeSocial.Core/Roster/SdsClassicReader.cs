namespace SafeSocial.Core.Roster;

/// <summary>
/// Reads Microsoft School Data Sync's classic CSV format (School.csv, Student.csv, Teacher.csv, Section.csv,
/// StudentEnrollment.csv, TeacherRoster.csv), in its US column names ("SIS ID") or its UK ones ("ID",
/// "DfE Number"). It has no parents and no status for a delta: every upload is the whole roster.
/// </summary>
internal sealed class SdsClassicReader(RosterFiles files, RosterProblems problems, RosterReadProgress progress, RosterDates dates, CancellationToken ct)
{
    public static readonly string[] FileNames = ["School.csv", "Student.csv", "Teacher.csv", "Section.csv", "StudentEnrollment.csv", "TeacherRoster.csv"];

    private static RosterColumn Id() => new("SIS ID", true, Aliases: ["ID"]);
    private static RosterColumn School() => new("School SIS ID", true, Aliases: ["School DfE Number"]);
    private static RosterColumn Unused(string name) => new(name, Used: false);

    private static readonly CsvFileSpec Schools = new("School.csv",
        [new("SIS ID", true, Aliases: ["DfE Number"]), new("Name", true), .. new[] { "School Number", "School NCES_ID", "State ID", "Grade Low", "Grade High",
            "Principal SIS ID", "Principal Name", "Principal Secondary Email", "Address", "City", "State", "Country", "Zip", "Postal Code", "Phone", "Zone" }.Select(Unused)]);
    private static readonly CsvFileSpec Students = new("Student.csv",
        [Id(), School(), new("First Name", true), new("Last Name", true), new("Grade"), new("Status"), new("Birthdate"),
            .. new[] { "Username", "Password", "State ID", "Secondary Email", "Student Number", "Middle Name", "Graduation Year", "Gender" }.Select(Unused)]);
    private static readonly CsvFileSpec Teachers = new("Teacher.csv",
        [Id(), School(), new("First Name", true), new("Last Name", true), new("Status"),
            .. new[] { "Username", "Password", "State ID", "Teacher Number", "Middle Name", "Secondary Email", "Title", "Qualification" }.Select(Unused)]);
    private static readonly CsvFileSpec Sections = new("Section.csv",
        [Id(), School(), new("Section Name", true), new("Section Number"), new("Status"), .. new[] { "Term SIS ID", "Term Name", "Term StartDate", "Term EndDate",
            "Course SIS ID", "Course Name", "Course Number", "Course Description", "Course Subject", "Periods" }.Select(Unused)]);
    private static readonly CsvFileSpec StudentEnrollments = new("StudentEnrollment.csv", new RosterColumn("Section SIS ID", true, Aliases: ["Section ID"]), Id());
    private static readonly CsvFileSpec TeacherRosters = StudentEnrollments with { Name = "TeacherRoster.csv" };

    private readonly RosterData _data = new() { Format = RosterFormat.SchoolDataSyncClassic, Mode = RosterMode.Full, NameColumns = ("First Name", "Last Name") };
    private readonly Dictionary<string, RosterRowStatus> _statuses = new(StringComparer.OrdinalIgnoreCase);

    public RosterData Read()
    {
        foreach (var required in new[] { "School.csv", "Student.csv" })
            if (!files.Has(required))
            {
                problems.Error(required, $"The upload has no {required}. A School Data Sync export has School.csv, Student.csv, Teacher.csv, Section.csv, StudentEnrollment.csv and TeacherRoster.csv; add {required} from the same export.");
                problems.Unread(required);
            }
        if (files.Has("Section.csv") != files.Has("StudentEnrollment.csv"))
        {
            var (has, missing) = files.Has("Section.csv") ? ("Section.csv", "StudentEnrollment.csv") : ("StudentEnrollment.csv", "Section.csv");
            problems.Error(missing, $"The upload has {has} but no {missing}. School Data Sync needs both to place pupils in classes; add {missing}.");
        }
        if (files.Has("School.csv") && !RosterReader.HeaderOf(files, "School.csv").Contains("SIS ID", StringComparer.OrdinalIgnoreCase))
            _data.Format = RosterFormat.SchoolDataSyncClassicUk;
        Read(Schools, ReadSchool);
        Read(Students, row => ReadPerson(row, RosterPersonKind.Pupil, "student"));
        Read(Teachers, row => ReadPerson(row, RosterPersonKind.Staff, "teacher"));
        if (_data.HasClasses = files.Has("Section.csv")) Read(Sections, ReadSection);
        if (_data.HasEnrollments = files.Has("StudentEnrollment.csv")) Read(StudentEnrollments, row => ReadEnrollment(row, "student"));
        Read(TeacherRosters, row => ReadEnrollment(row, "teacher"));
        return _data;
    }

    private void Read(CsvFileSpec spec, Action<CsvRow> onRow)
    {
        if (files.Has(spec.Name)) CsvTable.Read(files, spec, problems, progress, onRow, ct);
    }

    private bool Deleted(CsvRow row)
    {
        if (!_statuses.TryGetValue(row.File, out var status)) _statuses[row.File] = status = new RosterRowStatus(row.File, RosterMode.Full);
        return status.IsDeleted(row, problems);
    }

    private readonly Dictionary<string, string> _firstLines = new(StringComparer.Ordinal);

    private void ReadSchool(CsvRow row)
    {
        var id = row["SIS ID"];
        if (!Unique(row, "school", id)) return;
        _data.Orgs[id!] = new RosterOrg(id!, row["Name"] ?? id!, "school", null, row.At());
    }

    private string? SchoolOf(CsvRow row)
    {
        var school = row["School SIS ID"];
        if (school is null) row.Error("School SIS ID", "The school's ID is blank. Say which school in School.csv this line belongs to.");
        else if (!_data.Orgs.ContainsKey(school) && !problems.Explained("School.csv", school))
            row.Error("School SIS ID", $"\"{school}\" is not a school in School.csv. Check the school's ID.");
        else return school;
        return null;
    }

    private void ReadPerson(CsvRow row, RosterPersonKind kind, string role)
    {
        var id = row["SIS ID"];
        if (!Unique(row, kind == RosterPersonKind.Pupil ? "pupil" : "teacher", id)) return;
        var user = new RosterUser(id!, row.At())
        {
            Deleted = Deleted(row), GivenName = row["First Name"], FamilyName = row["Last Name"],
            Grade = kind == RosterPersonKind.Pupil ? row["Grade"] : null, GradeAt = row.At("Grade"),
        };
        _data.HasGrades |= kind == RosterPersonKind.Pupil && row.Has("Grade");
        if (kind == RosterPersonKind.Pupil)
        {
            _data.HasDemographics |= row.Has("Birthdate");
            dates.Read(row["Birthdate"], row.At("Birthdate"), problems, d => user.DateOfBirth = d);
        }
        if (SchoolOf(row) is { } school)
        {
            user.OrgSourcedIds.Add(school);
            user.Roles.Add(new RosterUserRole(kind, role, school, null, user.Deleted, row.At("SIS ID")));
        }
        _data.Users[id!] = user;
    }

    /// <summary>
    /// An ID is used once per kind of record; pupils and teachers are one list of people, so a teacher cannot
    /// have a pupil's ID (the first line is where it is already used).
    /// </summary>
    private bool Unique(CsvRow row, string kind, string? id)
    {
        if (id is null) { row.Error("SIS ID", $"The {kind}'s ID is blank. Every {kind} needs one."); return false; }
        var key = kind is "pupil" or "teacher" ? $"person|{id}" : $"{kind}|{id}";
        if (_firstLines.TryGetValue(key, out var first))
        {
            row.Error("SIS ID", $"ID \"{id}\" is also on {first}. Every {(kind is "pupil" or "teacher" ? "pupil and teacher" : kind)} needs {(kind is "pupil" or "teacher" ? "their" : "its")} own ID; remove the repeated line, or check the IDs your MIS exported.");
            return false;
        }
        _firstLines[key] = $"{row.File} line {row.Line}";
        return true;
    }

    private void ReadSection(CsvRow row)
    {
        var id = row["SIS ID"];
        if (!Unique(row, "class", id)) return;
        _data.Classes[id!] = new RosterClass(id!, row["Section Name"] ?? id!, SchoolOf(row), null, null, Deleted(row), row.At(), row["Section Number"]);
    }

    private void ReadEnrollment(CsvRow row, string role)
    {
        var (section, user) = (row["Section SIS ID"], row["SIS ID"]);
        if (section is null || user is null)
        {
            row.Error(section is null ? "Section SIS ID" : "SIS ID", "This value is blank; each line needs a class and a person.");
            return;
        }
        // References are checked here, against the files that hold them, so no later check names OneRoster's files.
        if (!_data.Classes.ContainsKey(section))
        {
            if (!problems.Explained("Section.csv", section)) row.Error("Section SIS ID", $"\"{section}\" is not a class in Section.csv. Check the class's ID.");
            return;
        }
        var (people, what) = role == "student" ? ("Student.csv", "pupil") : ("Teacher.csv", "teacher");
        if (!_data.Users.TryGetValue(user, out var person) || !person.Roles.Any(r => r.Role == role))
        {
            if (!problems.Explained(people, user)) row.Error("SIS ID", $"\"{user}\" is not a {what} in {people}. Check the ID.");
            return;
        }
        _data.Enrollments.Add(new RosterEnrollment(section, user, role, null, false, row.At("Section SIS ID"), row.At("SIS ID")));
    }
}
