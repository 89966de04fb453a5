using System.Globalization;
using CsvHelper;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Roster;

/// <summary>The people and classes to write as a OneRoster export.</summary>
public sealed record OneRosterExport(Org? Trust, IReadOnlyList<Org> Schools, IReadOnlyList<SchoolClass> Classes, IReadOnlyList<Pupil> Pupils,
    IReadOnlyList<Parent> Parents, IReadOnlyList<PupilParent> Links, IReadOnlyList<StaffMember> Staff)
{
    public static OneRosterExport From(GeneratedTrust g) => new(g.Trust, g.Schools, g.Classes, g.Pupils, g.Parents, g.Links, g.Staff);

    /// <summary>Only one school's part, as a school's MIS exports it.</summary>
    public OneRosterExport For(Org school) => new(Trust, [school], Classes.Where(c => c.OrganisationId == school.Id).ToList(),
        Pupils.Where(p => p.OrganisationId == school.Id).ToList(), Parents.Where(p => p.OrganisationId == school.Id).ToList(),
        Links.Where(l => l.OrganisationId == school.Id).ToList(), Staff.Where(s => s.OrganisationId == school.Id).ToList());
}

/// <summary>
/// Writes a OneRoster 1.1 or 1.2 bulk export, as a school's MIS would: for test fixtures and for the import
/// benchmark (a large generated trust). Parents' own words for the relationship go in metadata columns.
/// </summary>
public static class OneRosterWriter
{
    /// <summary>One folder per school under <paramref name="folder"/>, named by the school's roster id; returns the folders.</summary>
    public static List<string> WritePerSchool(string folder, OneRosterExport export, string version = "1.1") =>
        export.Schools.Select(school =>
        {
            var path = Path.Combine(folder, school.SourcedId ?? school.Id.ToString());
            Write(path, export.For(school), version);
            return path;
        }).ToList();

    public static void Write(string folder, OneRosterExport export, string version = "1.1")
    {
        if (version is not ("1.1" or "1.2")) throw new ArgumentOutOfRangeException(nameof(version), "OneRoster 1.1 or 1.2");
        Directory.CreateDirectory(folder);
        var v12 = version == "1.2";
        var schoolSid = export.Schools.ToDictionary(s => s.Id, s => s.SourcedId ?? s.Id.ToString());
        var classSid = export.Classes.ToDictionary(c => c.Id, c => c.SourcedId ?? c.Id.ToString());
        var pupilSid = export.Pupils.ToDictionary(p => p.Id, p => p.SourcedId ?? p.Id.ToString());
        var parentSid = export.Parents.ToDictionary(p => p.Id, p => p.SourcedId ?? p.Id.ToString());
        var linksOfPupil = export.Links.ToLookup(l => l.PupilId);
        var linksOfParent = export.Links.ToLookup(l => l.ParentId);

        Csv(folder, "manifest.csv", ["propertyName", "value"], [
            ["manifest.version", "1.0"], ["oneroster.version", version],
            ["file.academicSessions", "absent"], ["file.categories", "absent"], ["file.classes", "bulk"], ["file.classResources", "absent"],
            ["file.courses", "absent"], ["file.courseResources", "absent"], ["file.demographics", "bulk"], ["file.enrollments", "bulk"],
            ["file.lineItems", "absent"], ["file.orgs", "bulk"], ["file.resources", "absent"], ["file.results", "absent"],
            ["file.roles", v12 ? "bulk" : "absent"], ["file.users", "bulk"], ["source.systemName", "SafeSocial"]]);

        var orgs = new List<string?[]>();
        if (export.Trust is { } trust) orgs.Add([trust.SourcedId, "active", "", trust.Name, "district", "", ""]);
        orgs.AddRange(export.Schools.Select(s => new[] { schoolSid[s.Id], "active", "", s.Name, "school", s.Urn, export.Trust?.SourcedId }));
        Csv(folder, "orgs.csv", ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"], orgs);

        string[] userHeader = v12
            ? ["sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns", "metadata.relationship", "metadata.parentalResponsibility"]
            : ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "metadata.relationship", "metadata.parentalResponsibility"];
        var users = new List<string?[]>();
        var roles = new List<string?[]>();
        string?[] User(string sid, string org, string role, string first, string last, string? email, string? phone, string agents, string? grade,
            string? preferredFirst = null, string? preferredLast = null, string? relationship = null, bool? responsibility = null)
        {
            roles.Add([$"role-{sid}", "active", "", sid, "primary", role, "", "", org, ""]);
            var pr = responsibility is null ? null : responsibility.Value ? "true" : "false";
            return v12
                ? [sid, "active", "", "true", email ?? sid, "", first, last, "", sid, email, "", phone, agents, grade, "", "", "", preferredFirst, "", preferredLast, org, "", relationship, pr]
                : [sid, "active", "", "true", org, role, email ?? sid, "", first, last, "", sid, email, "", phone, agents, grade, "", relationship, pr];
        }
        foreach (var p in export.Pupils)
            users.Add(User(pupilSid[p.Id], schoolSid[p.OrganisationId], "student", p.LegalFirstName, p.LegalLastName, null, null,
                string.Join(",", linksOfPupil[p.Id].Select(l => parentSid[l.ParentId])), Grade(p.YearGroup), p.PreferredFirstName, p.PreferredLastName));
        foreach (var p in export.Parents)
        {
            var first = linksOfParent[p.Id].FirstOrDefault();
            var responsible = first?.HasParentalResponsibility ?? true;
            users.Add(User(parentSid[p.Id], schoolSid[p.OrganisationId], responsible ? "parent" : "relative", p.FirstName, p.LastName, p.Email, p.Phone,
                string.Join(",", linksOfParent[p.Id].Select(l => pupilSid[l.PupilId])), null, relationship: first?.Relationship, responsibility: responsible));
        }
        foreach (var s in export.Staff)
            users.Add(User(s.SourcedId ?? s.Id.ToString(), schoolSid[s.OrganisationId], s.JobTitle?.Contains("assistant", StringComparison.OrdinalIgnoreCase) == true ? "aide" : "teacher",
                s.FirstName, s.LastName, s.Email, null, "", null));
        Csv(folder, "users.csv", userHeader, users);
        if (v12) Csv(folder, "roles.csv", ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"], roles);

        Csv(folder, "classes.csv", ["sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"],
            export.Classes.Select(c => new[] { classSid[c.Id], "active", "", c.Name, Grade(c.YearGroup), "", c.Code ?? "", "homeroom", "", schoolSid[c.OrganisationId], "", "", "", "" }));
        Csv(folder, "enrollments.csv", ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"],
            export.Pupils.Where(p => p.ClassId is not null && classSid.ContainsKey(p.ClassId.Value))
                .Select(p => new[] { $"enr-{pupilSid[p.Id]}", "active", "", classSid[p.ClassId!.Value], schoolSid[p.OrganisationId], pupilSid[p.Id], "student", "false", "", "" }));
        Csv(folder, "demographics.csv", ["sourcedId", "status", "dateLastModified", "birthDate", "sex"],
            export.Pupils.Where(p => p.DateOfBirth is not null)
                .Select(p => new[] { pupilSid[p.Id], "active", "", p.DateOfBirth!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "" }));
    }

    /// <summary>OneRoster's grade codes: KG for Reception, PK for nursery, 01 to 13.</summary>
    public static string? Grade(string? yearGroup) => yearGroup switch
    {
        null => null,
        "R" => "KG",
        "N" => "PK",
        _ when int.TryParse(yearGroup, CultureInfo.InvariantCulture, out var n) => n.ToString("00", CultureInfo.InvariantCulture),
        _ => yearGroup,
    };

    private static void Csv(string folder, string name, string[] header, IEnumerable<string?[]> rows)
    {
        using var writer = CsvWriter.ToFile(Path.Combine(folder, name), CsvWriterOptions.Default with { NewLine = "\n" });
        writer.WriteHeader(header);
        foreach (var row in rows) writer.WriteRecord(row!);
    }
}
