namespace SafeSocial.Core.Roster;

/// <summary>
/// Reads a Microsoft School Data Sync v2.1 export: orgs, users and roles (required), classes, enrollments,
/// demographics and relationships; or a v2 export, which has no roles.csv and gives each user's role,
/// organisations and grade in users.csv. SDS files have no status column: every upload is the whole roster.
/// </summary>
internal sealed class SdsReader(RosterFiles files, RosterProblems problems, RosterReadProgress progress, RosterDates dates, CancellationToken ct)
{
    private static readonly CsvFileSpec Orgs = new("orgs.csv",
        new("sourcedId", true), new("name", true), new("type", true), new("parentSourcedId"));
    private static CsvFileSpec Users(bool v2) => new("users.csv",
        new("sourcedId", true), new("username", Used: false), new("givenName", true), new("familyName", true),
        new("password", Used: false), new("activeDirectoryMatchId", Used: false), new("email"), new("phone"), new("sms"),
        new("middleName", Used: false), new("preferredGivenName"), new("preferredFamilyName"),
        new("orgSourcedIds", v2, v2), new("role", v2, v2), new("grade", Used: v2));
    private static readonly CsvFileSpec Roles = new("roles.csv",
        new("userSourcedId", true), new("orgSourcedId", true), new("role", true), new("sessionSourcedId", Used: false),
        new("grade"), new("isPrimary", Used: false), new("roleStartDate"), new("roleEndDate", Used: false));
    private static readonly CsvFileSpec Classes = new("classes.csv",
        new("sourcedId", true), new("orgSourcedId", true), new("title", true), new("sessionSourcedIds", Used: false),
        new("courseSourcedId", Used: false), new("code"));
    private static readonly CsvFileSpec Enrollments = new("enrollments.csv",
        new("classSourcedId", true), new("userSourcedId", true), new("role", true));
    private static readonly CsvFileSpec Demographics = new("demographics.csv",
        new("userSourcedId", true), new("sex", Used: false), new("birthDate"), new("birthCity", Used: false),
        new("birthState", Used: false), new("birthCountry", Used: false), new("ethnicityCodes", Used: false), new("raceCodes", Used: false));
    private static readonly CsvFileSpec Relationships = new("relationships.csv",
        new("userSourcedId", true), new("relationshipUserSourcedId", true), new("relationshipRole", true));

    private readonly RosterData _data = new() { Format = RosterFormat.SchoolDataSync21, Mode = RosterMode.Full };
    private bool V2 => _data.Format == RosterFormat.SchoolDataSync2;
    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);

    public RosterData Read()
    {
        if (!files.Has("roles.csv") && files.Has("users.csv") && RosterReader.HeaderOf(files, "users.csv").Contains("role", StringComparer.OrdinalIgnoreCase))
            _data.Format = RosterFormat.SchoolDataSync2;
        foreach (var required in V2 ? ["orgs.csv", "users.csv"] : new[] { "orgs.csv", "users.csv", "roles.csv" })
            if (!files.Has(required))
            {
                problems.Error(required, $"The upload has no {required}. A School Data Sync export has orgs.csv, users.csv and roles.csv at least; add {required} from the same export.");
                problems.Unread(required);
            }
        if (files.Has("classes.csv") != files.Has("enrollments.csv"))
        {
            var missing = files.Has("classes.csv") ? "enrollments.csv" : "classes.csv";
            problems.Error(missing, $"The upload has {(missing == "classes.csv" ? "enrollments.csv" : "classes.csv")} but no {missing}. School Data Sync needs both to place pupils in classes; add {missing}.");
        }
        Read(Orgs, ReadOrg);
        Read(Users(V2), ReadUser);
        Read(Roles, ReadRole);
        if (_data.HasClasses = files.Has("classes.csv")) Read(Classes, ReadClass);
        if (_data.HasEnrollments = files.Has("enrollments.csv")) Read(Enrollments, ReadEnrollment);
        if (_data.HasDemographics = files.Has("demographics.csv")) Read(Demographics, ReadDemographics);
        Read(Relationships, ReadRelationship);
        return _data;
    }

    private void Read(CsvFileSpec spec, Action<CsvRow> onRow)
    {
        if (files.Has(spec.Name)) CsvTable.Read(files, spec, problems, progress, onRow, ct);
    }

    private bool Unique(CsvRow row, string kind, string? id)
    {
        if (id is null) { row.Error("sourcedId", $"sourcedId is blank. Every {kind} needs one."); return false; }
        if (_firstLine.TryGetValue($"{row.File}|{id}", out var first))
        {
            row.Error("sourcedId", $"sourcedId \"{id}\" is also on line {first}. Every {kind} needs its own sourcedId; remove the repeated line.");
            return false;
        }
        _firstLine[$"{row.File}|{id}"] = row.Line;
        return true;
    }

    private void ReadOrg(CsvRow row)
    {
        var id = row["sourcedId"];
        if (!Unique(row, "organisation", id)) return;
        _data.Orgs[id!] = new RosterOrg(id!, row["name"] ?? id!, row["type"], row["parentSourcedId"], row.At());
    }

    private void ReadUser(CsvRow row)
    {
        var id = row["sourcedId"];
        if (!Unique(row, "person", id)) return;
        _data.HasPreferredNames |= row.Has("preferredGivenName") || row.Has("preferredFamilyName");
        _data.HasEmail |= row.Has("email");
        _data.HasPhone |= row.Has("phone") || row.Has("sms");
        var user = _data.Users[id!] = new RosterUser(id!, row.At())
        {
            GivenName = row["givenName"], FamilyName = row["familyName"], Email = row["email"], Phone = row["phone"] ?? row["sms"],
            PreferredGivenName = row["preferredGivenName"], PreferredFamilyName = row["preferredFamilyName"],
            Relationship = row["metadata.relationship"], ParentalResponsibility = RosterValues.Boolean(row["metadata.parentalResponsibility"]),
        };
        if (V2) ReadRoleInUsers(row, user);
    }

    /// <summary>School Data Sync v2: the role holds in each organisation the user's orgSourcedIds name.</summary>
    private void ReadRoleInUsers(CsvRow row, RosterUser user)
    {
        var role = row["role"];
        if (role is null) { row.Error("role", "role is blank. Say whether this person is a student, teacher, aide, administrator, parent, guardian or relative."); return; }
        if (!RosterValues.TryRole(role, out var kind, out _)) { row.Error("role", RosterValues.UnknownRoleMessage(role)); return; }
        var orgs = RosterValues.SplitList(row["orgSourcedIds"]).ToList();
        if (orgs.Count == 0) row.Error("orgSourcedIds", "orgSourcedIds is blank. Say which organisation (in orgs.csv) the person belongs to.");
        foreach (var org in orgs)
        {
            if (_data.Orgs.ContainsKey(org)) user.Roles.Add(new RosterUserRole(kind, role, org, null, false, row.At("role")));
            else if (!problems.Explained("orgs.csv", org)) row.Error("orgSourcedIds", $"\"{org}\" is not an organisation in orgs.csv. Check the sourcedId.");
        }
        user.OrgSourcedIds.AddRange(orgs);
        _data.HasGrades |= row.Has("grade");
        if (kind == RosterPersonKind.Pupil && row["grade"] is { } grade) (user.Grade, user.GradeAt) = (grade, row.At("grade"));
    }

    private void ReadRole(CsvRow row)
    {
        if (RoleRows.Read(row, _data, problems, deleted: false) is not var (user, r)) return;
        var kind = r.Kind;
        dates.Read(row["roleStartDate"], row.At("roleStartDate"), problems, d => r.Begin = d);
        user.Roles.Add(r);
        _data.HasGrades |= row.Has("grade");
        if (kind == RosterPersonKind.Pupil && user.Grade is null && row["grade"] is { } grade)
        {
            user.Grade = grade;
            user.GradeAt = row.At("grade");
        }
    }

    private void ReadClass(CsvRow row)
    {
        var id = row["sourcedId"];
        if (!Unique(row, "class", id)) return;
        var org = row["orgSourcedId"];
        if (org is not null && !_data.Orgs.ContainsKey(org) && !problems.Explained("orgs.csv", org))
            row.Error("orgSourcedId", $"\"{org}\" is not an organisation in orgs.csv. Check the sourcedId.");
        _data.Classes[id!] = new RosterClass(id!, row["title"] ?? id!, org, null, null, false, row.At(), row["code"]);
    }

    private void ReadEnrollment(CsvRow row)
    {
        var (cls, user, role) = (row["classSourcedId"], row["userSourcedId"], row["role"]);
        if (cls is null || user is null || role is null)
        {
            row.Error(cls is null ? "classSourcedId" : user is null ? "userSourcedId" : "role", "This value is blank; an enrolment needs a class, a person and a role.");
            return;
        }
        if (!RosterValues.TryRole(role, out _, out _)) row.Error("role", RosterValues.UnknownRoleMessage(role));
        _data.Enrollments.Add(new RosterEnrollment(cls, user, role, null, false, row.At("classSourcedId"), row.At("userSourcedId")));
    }

    private void ReadDemographics(CsvRow row)
    {
        var id = row["userSourcedId"];
        if (id is null) return;
        if (!_data.Users.TryGetValue(id, out var user))
        {
            if (!problems.Explained("users.csv", id)) row.Warning("userSourcedId", $"\"{id}\" is not a person in users.csv, so this line was not used.");
            return;
        }
        dates.Read(row["birthDate"], row.At("birthDate"), problems, d => user.DateOfBirth = d);
    }

    private void ReadRelationship(CsvRow row)
    {
        var (pupil, related, role) = (row["userSourcedId"], row["relationshipUserSourcedId"], row["relationshipRole"]);
        if (pupil is null || related is null || role is null)
        {
            row.Error(pupil is null ? "userSourcedId" : related is null ? "relationshipUserSourcedId" : "relationshipRole", "This value is blank; a relationship needs a pupil, the related person and the relationship.");
            return;
        }
        if (RosterValues.Relationship(role) is null && !RosterValues.IsOtherRelationship(role))
        {
            row.Error("relationshipRole", Spelling.Closest(role, ["parent", "guardian", "relative"]) is { } meant
                ? $"\"{role}\" is not a relationship. Did you mean \"{meant}\"?"
                : $"\"{role}\" is not a relationship. Use parent, guardian or relative.");
            return;
        }
        _data.Links.Add(new RosterLink(pupil, related, role, row.At("userSourcedId"), row.At("relationshipUserSourcedId")));
    }
}
