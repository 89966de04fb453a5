using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Browser.Tests.Browser;

/// <summary>
/// A small OneRoster 1.1 CSV export of one demo school, shaped like the public samples: the school's whole
/// current roster (so a bulk import makes nobody a leaver) plus two new pupils, siblings, and their new
/// parent. Written from the database at test time, zipped as a MIS would send it.
/// </summary>
public static class OneRosterFolder
{
    public const string NewSurname = "Quintrell";
    public static readonly string[] NewPupils = ["Marigold", "Bartholomew"];
    public const string NewParent = "Rosalind";

    public static async Task<string> WriteZipAsync(SafeSocialDb db, Guid schoolId, string folder, CancellationToken ct)
    {
        var school = await db.Organisations.SingleAsync(o => o.Id == schoolId, ct);
        var trust = school.TrustId is { } t ? await db.Organisations.SingleAsync(o => o.Id == t, ct) : null;
        // Only what the MIS knows: people another journey added by hand (no roster id) are not in its export.
        var classes = await db.SchoolClasses.Where(c => c.OrganisationId == schoolId && c.SourcedId != null).OrderBy(c => c.SourcedId).ToListAsync(ct);
        var pupils = await db.Pupils.Where(p => p.OrganisationId == schoolId && p.LeavingDate == null && p.SourcedId != null).Include(p => p.Parents).OrderBy(p => p.SourcedId).ToListAsync(ct);
        var parents = await db.Parents.Where(p => p.OrganisationId == schoolId && p.SourcedId != null).Include(p => p.Children).OrderBy(p => p.SourcedId).ToListAsync(ct);
        var staff = await db.StaffMembers.Where(s => s.OrganisationId == schoolId && s.LeavingDate == null && s.SourcedId != null).OrderBy(s => s.SourcedId).ToListAsync(ct);
        var pupilIds = pupils.ToDictionary(p => p.Id, p => p.SourcedId!);
        var parentIds = parents.ToDictionary(p => p.Id, p => p.SourcedId!);
        var classIds = classes.ToDictionary(c => c.Id, c => c.SourcedId!);
        var now = TimeProvider.System.GetUtcNow();
        var schoolYear = now.Month >= 9 ? now.Year + 1 : now.Year; // OneRoster names a school year by the year it ends
        var term = "term-current";
        var course = "course-registration";
        var schoolRef = school.SourcedId!;

        Directory.CreateDirectory(folder);
        Write(folder, "manifest.csv", ["propertyName", "value"],
        [
            ["manifest.version", "1.0"], ["oneroster.version", "1.1"],
            ["file.academicSessions", "bulk"], ["file.categories", "absent"], ["file.classes", "bulk"], ["file.classResources", "absent"],
            ["file.courses", "bulk"], ["file.courseResources", "absent"], ["file.demographics", "bulk"], ["file.enrollments", "bulk"],
            ["file.lineItems", "absent"], ["file.orgs", "bulk"], ["file.resources", "absent"], ["file.results", "absent"], ["file.users", "bulk"],
            ["source.systemName", "SafeSocial browser test"], ["source.systemCode", "journey"],
        ]);
        Write(folder, "orgs.csv", ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
            new[] { trust is null ? null : new[] { trust.SourcedId!, "", "", trust.Name, "district", "", "" } }.Where(r => r is not null).Select(r => r!)
                .Append([schoolRef, "", "", school.Name, "school", school.Urn ?? "", trust?.SourcedId ?? ""]));
        Write(folder, "academicSessions.csv", ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
            [[term, "", "", "Current year", "schoolYear", $"{schoolYear - 1}-09-01", $"{schoolYear}-08-31", "", schoolYear.ToString()]]);
        Write(folder, "courses.csv", ["sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"],
            [[course, "", "", term, "Registration", "REG", "", schoolRef, "", ""]]);
        Write(folder, "classes.csv", ["sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"],
            classes.Select(c => new[] { c.SourcedId!, "", "", c.Name, Grade(c.YearGroup), course, c.Name, "homeroom", "", schoolRef, term, "", "", "" }));

        var year3 = classes.First(c => c.YearGroup == "3");
        var newPupilIds = NewPupils.Select((_, i) => $"journey-pupil-{i + 1}").ToList();
        const string newParentId = "journey-parent-1";
        var users = new List<string[]>();
        users.AddRange(pupils.Select(p => User(p.SourcedId!, schoolRef, "student", p.LegalFirstName, p.LegalLastName, "",
            string.Join(',', p.Parents.Where(l => parentIds.ContainsKey(l.ParentId)).Select(l => parentIds[l.ParentId])), Grade(p.YearGroup))));
        users.AddRange(NewPupils.Select((first, i) => User(newPupilIds[i], schoolRef, "student", first, NewSurname, "", newParentId, "03")));
        users.AddRange(parents.Select(p => User(p.SourcedId!, schoolRef, p.Children.Any(l => !l.HasParentalResponsibility) ? "guardian" : "parent",
            p.FirstName, p.LastName, p.Email ?? "", string.Join(',', p.Children.Where(l => pupilIds.ContainsKey(l.PupilId)).Select(l => pupilIds[l.PupilId])), "", p.Phone ?? "")));
        users.Add(User(newParentId, schoolRef, "parent", NewParent, NewSurname, "rosalind.quintrell@example.org", string.Join(',', newPupilIds), ""));
        users.AddRange(staff.Select(s => User(s.SourcedId!, schoolRef, s.JobTitle == "Teaching assistant" ? "aide" : "teacher", s.FirstName, s.LastName, s.Email ?? "", "", "")));
        Write(folder, "users.csv", ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"], users);

        var enrolled = pupils.Where(p => p.ClassId is { } c && classIds.ContainsKey(c)).Select(p => (Pupil: p.SourcedId!, Class: classIds[p.ClassId!.Value]))
            .Concat(newPupilIds.Select(id => (Pupil: id, Class: year3.SourcedId!)));
        Write(folder, "enrollments.csv", ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"],
            enrolled.Select(e => new[] { $"enr-{e.Pupil}", "", "", e.Class, schoolRef, e.Pupil, "student", "true", "", "" }));
        Write(folder, "demographics.csv", ["sourcedId", "status", "dateLastModified", "birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"],
            pupils.Where(p => p.DateOfBirth is not null).Select(p => (p.SourcedId!, p.DateOfBirth!.Value))
                .Concat(newPupilIds.Select((id, i) => (id, new DateOnly(2018, 3 + i * 4, 14))))
                .Select(d => new[] { d.Item1, "", "", d.Item2.ToString("yyyy-MM-dd"), "", "", "", "", "", "", "", "", "", "", "", "" }));

        var zip = folder.TrimEnd('/') + ".zip";
        File.Delete(zip);
        ZipFile.CreateFromDirectory(folder, zip);
        return zip;
    }

    private static string[] User(string id, string org, string role, string given, string family, string email, string agents, string grades, string phone = "") =>
        [id, "", "", "TRUE", org, role, id, "", given, family, "", id, email, "", phone, agents, grades, ""];

    /// <summary>OneRoster grades are CEDS codes: Reception is KG, Year 3 is 03.</summary>
    private static string Grade(string? yearGroup) => yearGroup switch
    {
        null or "" => "",
        "R" => "KG",
        _ when int.TryParse(yearGroup, out var y) => y.ToString("00"),
        _ => yearGroup,
    };

    private static void Write(string folder, string file, string[] header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder().AppendJoin(',', header.Select(Quote)).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        File.WriteAllText(Path.Combine(folder, file), text.ToString(), new UTF8Encoding(false));
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
