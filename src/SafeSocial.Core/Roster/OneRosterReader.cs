namespace SafeSocial.Core.Roster;

/// <summary>Reads a OneRoster 1.1 or 1.2 CSV export (manifest, orgs, users, roles, classes, enrollments, demographics).</summary>
internal sealed class OneRosterReader(RosterFiles files, RosterProblems problems, RosterReadProgress progress, RosterDates dates, CancellationToken ct)
{
    private static readonly string[] DataFiles = ["orgs", "users", "roles", "classes", "enrollments", "demographics", "userProfiles"];
    private static readonly string[] Modes = ["bulk", "delta", "absent"];

    private static readonly CsvFileSpec Manifest = new("manifest.csv", new RosterColumn("propertyName", true), new RosterColumn("value", true));
    private static readonly CsvFileSpec Orgs = new("orgs.csv",
        new("sourcedId", true), new("status"), new("dateLastModified", Used: false), new("name", true), new("type"),
        new("identifier", Used: false), new("parentSourcedId"));
    private static readonly CsvFileSpec Roles = new("roles.csv",
        new("sourcedId", Used: false), new("status"), new("dateLastModified", Used: false), new("userSourcedId", true), new("roleType", Used: false),
        new("role", true), new("beginDate"), new("endDate", Used: false), new("orgSourcedId", true), new("userProfileSourcedId", Used: false));
    private static readonly CsvFileSpec Classes = new("classes.csv",
        new("sourcedId", true), new("status"), new("dateLastModified", Used: false), new("title", true), new("grades"),
        new("courseSourcedId", Used: false), new("classCode"), new("classType"), new("location", Used: false),
        new("schoolSourcedId", true), new("termSourcedIds", Used: false), new("subjects", Used: false), new("subjectCodes", Used: false), new("periods", Used: false));
    private static readonly CsvFileSpec Enrollments = new("enrollments.csv",
        new("sourcedId", Used: false), new("status"), new("dateLastModified", Used: false), new("classSourcedId", true), new("schoolSourcedId"),
        new("userSourcedId", true), new("role", true), new("primary", Used: false), new("beginDate", Used: false), new("endDate", Used: false));
    private static readonly CsvFileSpec Demographics = new("demographics.csv",
        new("sourcedId", true), new("status"), new("dateLastModified", Used: false), new("birthDate"), new("sex", Used: false),
        new("americanIndianOrAlaskaNative", Used: false), new("asian", Used: false), new("blackOrAfricanAmerican", Used: false),
        new("nativeHawaiianOrOtherPacificIslander", Used: false), new("white", Used: false), new("demographicRaceTwoOrMoreRaces", Used: false),
        new("hispanicOrLatinoEthnicity", Used: false), new("countryOfBirthCode", Used: false), new("stateOfBirthAbbreviation", Used: false),
        new("cityOfBirth", Used: false), new("publicSchoolResidenceStatus", Used: false));

    private static CsvFileSpec Users(bool rolesInUsers) => new("users.csv",
        new("sourcedId", true), new("status"), new("dateLastModified", Used: false), new("enabledUser", Used: false),
        new("orgSourcedIds", rolesInUsers), new("role", rolesInUsers), new("username", Used: false), new("userIds", Used: false),
        new("givenName", true), new("familyName", true), new("middleName", Used: false), new("identifier", Used: false),
        new("email"), new("sms"), new("phone"), new("agentSourcedIds"), new("grades"), new("password", Used: false),
        new("userMasterIdentifier", Used: false), new("resourceSourcedIds", Used: false), new("preferredGivenName"),
        new("preferredMiddleName", Used: false), new("preferredFamilyName"), new("primaryOrgSourcedId"), new("pronouns", Used: false));

    private readonly Dictionary<string, string> _modes = new(StringComparer.OrdinalIgnoreCase);
    private RosterData _data = null!;

    public RosterData Read()
    {
        _data = new RosterData();
        var version = ReadManifest();
        _data.Format = version == "1.2" ? RosterFormat.OneRoster12 : RosterFormat.OneRoster11;
        _data.Mode = ModeOf("users") == "delta" ? RosterMode.Delta : RosterMode.Full;

        foreach (var required in new[] { "orgs", "users" })
            if (!files.Has(required + ".csv"))
            {
                problems.Error($"{required}.csv", $"The upload has no {required}.csv. A OneRoster export has manifest.csv, orgs.csv and users.csv at least; add {required}.csv from the same export.");
                problems.Unread($"{required}.csv");
            }
        foreach (var name in DataFiles.Where(f => ModeOf(f) is "bulk" or "delta" && !files.Has(f + ".csv") && f is not ("orgs" or "users")))
            if (name != "userProfiles" || !files.Has("roles.csv"))
                problems.Error($"{name}.csv", $"manifest.csv says the export includes {name}.csv (file.{name} is {ModeOf(name)}), but the upload has no {name}.csv. Add the file, or set file.{name} to absent.");

        if (Use("orgs")) CsvTable.Read(files, Orgs, problems, progress, ReadOrg, ct);
        var rolesFile = RolesFile();
        var rolesInUsers = rolesFile is null;
        if (Use("users")) CsvTable.Read(files, Users(rolesInUsers), problems, progress, row => ReadUser(row, rolesInUsers), ct);
        if (rolesFile is not null) CsvTable.Read(files, Roles with { Name = rolesFile }, problems, progress, ReadRole, ct);
        if (_data.HasClasses = Use("classes")) CsvTable.Read(files, Classes, problems, progress, ReadClass, ct);
        if (_data.HasEnrollments = Use("enrollments")) CsvTable.Read(files, Enrollments, problems, progress, ReadEnrollment, ct);
        if (_data.HasDemographics = Use("demographics")) CsvTable.Read(files, Demographics, problems, progress, ReadDemographics, ct);
        RosterRowStatus.Note(_statuses.Values, _data.Format == RosterFormat.OneRoster12 ? "1.2" : "1.1", _data.Notes);
        return _data;
    }

    private string ReadManifest()
    {
        string? version = null;
        if (files.Has("manifest.csv")) CsvTable.Read(files, Manifest, problems, progress, row =>
        {
            var property = row["propertyName"];
            var value = row["value"]?.Trim() ?? "";
            if (property is null) return;
            if (property.Equals("oneroster.version", StringComparison.OrdinalIgnoreCase))
            {
                version = value;
                if (value is not ("1.1" or "1.2"))
                    row.Error("value", $"This is a OneRoster {value} export; SafeSocial reads OneRoster 1.1 and 1.2. Export the roster as OneRoster 1.1 or 1.2.");
            }
            else if (property.StartsWith("file.", StringComparison.OrdinalIgnoreCase))
            {
                var mode = value.ToLowerInvariant();
                if (mode.Length > 0 && !Modes.Contains(mode))
                {
                    row.Error("value", Spelling.Closest(mode, Modes) is { } meant
                        ? $"\"{value}\" is not a file mode. Did you mean \"{meant}\"?"
                        : $"\"{value}\" is not a file mode. Use bulk (the whole roster), delta (only changes) or absent.");
                    return;
                }
                _modes[property[5..]] = mode.Length == 0 ? "absent" : mode;
            }
        }, ct);
        if (version is null)
        {
            version = files.Has("roles.csv") ? "1.2" : "1.1";
            if (files.Has("manifest.csv")) problems.Warning("manifest.csv", $"manifest.csv does not say which OneRoster version the export is (oneroster.version), so it was read as OneRoster {version}.");
        }
        if (ModeOf("users") == "absent")
            problems.Error("manifest.csv", "manifest.csv says file.users is absent, but a roster import needs users.csv. Set file.users to bulk for a full export or delta for changes only.");
        return version;
    }

    /// <summary>The mode manifest.csv gives a file; a file it does not mention follows users.csv when present.</summary>
    private string ModeOf(string file) =>
        _modes.TryGetValue(file, out var m) ? m : files.Has(file + ".csv") ? (_modes.TryGetValue("users", out var u) ? u : "bulk") : "absent";

    private bool Use(string file)
    {
        if (!files.Has(file + ".csv")) return false;
        if (ModeOf(file) != "absent") return true;
        problems.Warning(file + ".csv", $"{file}.csv was not read: manifest.csv says file.{file} is absent. Set it to bulk (or delta) in manifest.csv if the file should be read.");
        return false;
    }

    /// <summary>OneRoster 1.2 keeps roles in roles.csv; some exports put those rows in userProfiles.csv instead.</summary>
    private string? RolesFile()
    {
        if (files.Has("roles.csv")) return Use("roles") ? "roles.csv" : null;
        if (_data.Format != RosterFormat.OneRoster12 || !files.Has("userProfiles.csv")) return null;
        using var stream = files.Open("userProfiles.csv");
        using var text = new StreamReader(stream);
        var header = text.ReadLine() ?? "";
        if (!header.Contains("role", StringComparison.OrdinalIgnoreCase) || !header.Contains("orgSourcedId", StringComparison.OrdinalIgnoreCase)) return null;
        _data.Notes.Add("userProfiles.csv holds role rows (it has role and orgSourcedId columns), so it was read as roles.csv.");
        return files.NameOf("userProfiles.csv");
    }

    private readonly Dictionary<string, RosterRowStatus> _statuses = new(StringComparer.OrdinalIgnoreCase);

    private bool Deleted(CsvRow row)
    {
        if (!_statuses.TryGetValue(row.File, out var status))
        {
            var mode = ModeOf(Path.GetFileNameWithoutExtension(row.File)) == "delta" ? RosterMode.Delta : RosterMode.Full;
            _statuses[row.File] = status = new RosterRowStatus(row.File, mode);
        }
        return status.IsDeleted(row, problems);
    }

    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);

    /// <summary>Every row needs its own sourcedId; the second use of one is the error.</summary>
    private bool Unique(CsvRow row, string kind, string id)
    {
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
        if (id is null) { row.Error("sourcedId", "sourcedId is blank. Every organisation needs one."); return; }
        if (!Unique(row, "organisation", id)) return;
        Deleted(row);
        _data.Orgs[id] = new RosterOrg(id, row["name"] ?? id, row["type"], row["parentSourcedId"], row.At());
    }

    private void ReadUser(CsvRow row, bool rolesInUsers)
    {
        var id = row["sourcedId"];
        if (id is null) { row.Error("sourcedId", "sourcedId is blank. Every person needs one."); return; }
        if (!Unique(row, "person", id)) return;
        var user = new RosterUser(id, row.At())
        {
            Deleted = Deleted(row), GivenName = row["givenName"], FamilyName = row["familyName"],
            PreferredGivenName = row["preferredGivenName"], PreferredFamilyName = row["preferredFamilyName"],
            Email = row["email"], Phone = row["phone"] ?? row["sms"], Grade = row["grades"], GradeAt = row.At("grades"),
            Relationship = row["metadata.relationship"], ParentalResponsibility = RosterValues.Boolean(row["metadata.parentalResponsibility"]),
        };
        _data.HasPreferredNames |= row.Has("preferredGivenName") || row.Has("preferredFamilyName");
        _data.HasGrades |= row.Has("grades");
        _data.HasEmail |= row.Has("email");
        _data.HasPhone |= row.Has("phone") || row.Has("sms");
        dates.Read(row["dateLastModified"], row.At("dateLastModified"), problems, _ => { });
        user.OrgSourcedIds.AddRange(RosterValues.SplitList(row["orgSourcedIds"]));
        if (row["primaryOrgSourcedId"] is { } primary && !user.OrgSourcedIds.Contains(primary)) user.OrgSourcedIds.Add(primary);
        foreach (var org in user.OrgSourcedIds.Where(o => !_data.Orgs.ContainsKey(o) && !problems.Explained("orgs.csv", o)))
            row.Error(row.Has("orgSourcedIds") ? "orgSourcedIds" : "primaryOrgSourcedId", $"\"{org}\" is not an organisation in orgs.csv. Check the sourcedId, or add the organisation to orgs.csv.");
        user.Agents.AddRange(RosterValues.SplitList(row["agentSourcedIds"]));
        user.AgentsAt = row.At("agentSourcedIds");
        if (rolesInUsers || row["role"] is not null)
        {
            var role = row["role"];
            if (role is null) row.Error("role", "role is blank. Say whether this person is a student, teacher, aide, administrator, parent, guardian or relative.");
            else if (!RosterValues.TryRole(role, out var kind, out _)) row.Error("role", RosterValues.UnknownRoleMessage(role));
            else user.Roles.Add(new RosterUserRole(kind, role, null, null, user.Deleted, row.At("role")));
        }
        _data.Users[id] = user;
    }

    private void ReadRole(CsvRow row)
    {
        if (RoleRows.Read(row, _data, problems, Deleted(row)) is not var (user, r)) return;
        dates.Read(row["beginDate"], row.At("beginDate"), problems, d => r.Begin = d);
        user.Roles.Add(r);
    }

    private void ReadClass(CsvRow row)
    {
        var id = row["sourcedId"];
        if (id is null) { row.Error("sourcedId", "sourcedId is blank. Every class needs one."); return; }
        if (!Unique(row, "class", id)) return;
        var school = row["schoolSourcedId"];
        if (school is not null && !_data.Orgs.ContainsKey(school) && !problems.Explained("orgs.csv", school))
            row.Error("schoolSourcedId", $"\"{school}\" is not an organisation in orgs.csv. Check the sourcedId.");
        var type = row["classType"]?.ToLowerInvariant();
        if (type is not (null or "homeroom" or "scheduled"))
            row.Error("classType", $"\"{row["classType"]}\" is not a class type. Use homeroom (a registration class) or scheduled (a lesson).");
        _data.Classes[id] = new RosterClass(id, row["title"] ?? id, school, type is null ? null : type == "homeroom", row["grades"], Deleted(row), row.At(), row["classCode"]);
    }

    private void ReadEnrollment(CsvRow row)
    {
        var role = row["role"];
        if (role is not null && !RosterValues.TryRole(role, out _, out _)) row.Error("role", RosterValues.UnknownRoleMessage(role));
        var cls = row["classSourcedId"];
        var user = row["userSourcedId"];
        if (cls is null || user is null || role is null)
        {
            row.Error(cls is null ? "classSourcedId" : user is null ? "userSourcedId" : "role", "This value is blank; an enrolment needs a class, a person and a role.");
            return;
        }
        _data.Enrollments.Add(new RosterEnrollment(cls, user, role, row["schoolSourcedId"], Deleted(row), row.At("classSourcedId"), row.At("userSourcedId")));
    }

    private void ReadDemographics(CsvRow row)
    {
        var id = row["sourcedId"];
        if (id is null || Deleted(row)) return;
        if (!_data.Users.TryGetValue(id, out var user))
        {
            if (!problems.Explained("users.csv", id)) row.Warning("sourcedId", $"\"{id}\" is not a person in users.csv, so this line was not used.");
            return;
        }
        dates.Read(row["birthDate"], row.At("birthDate"), problems, d => user.DateOfBirth = d);
    }
}
