using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Roster;

internal sealed partial class RosterPlanner
{
    /// <summary>
    /// Links staff to the classes the files enrol them in as teachers (ClassTeacher, read for "My class"). A class
    /// the files name no teachers of keeps its links. For a class they do name teachers of, a full import replaces
    /// the links of staff with a roster id; a delta only adds, and removes links whose enrolment is tobedeleted.
    /// Links of staff without a roster id (added by hand, or of the trust) are never changed by an import.
    /// </summary>
    private void PlanClassTeachers()
    {
        var staffById = _existing.Staff.ToDictionary(s => s.Id);
        var held = _existing.ClassTeachers.ToLookup(t => t.SchoolClassId);
        var linkedStaff = new HashSet<Guid>();
        foreach (var (classSid, teacherSids) in _scope.ClassTeachers)
        {
            if (!_classIds.TryGetValue(classSid, out var classId)) continue;
            var wanted = teacherSids.Where(_staffBySourcedId.ContainsKey).Select(s => _staffBySourcedId[s]).ToList();
            if (wanted.Count == 0) continue;
            var current = held[classId].ToList();
            foreach (var staff in wanted)
            {
                if (current.Any(t => t.StaffMemberId == staff.Id)) { _tallies[RosterRecordKind.ClassTeachers].Unchanged++; continue; }
                _plan.LinkOps.Add(new RosterOp(RosterOpKind.Add, new ClassTeacher
                {
                    Id = Guid.CreateVersion7(), OrganisationId = _schoolId, SchoolClassId = classId, StaffMemberId = staff.Id,
                }));
                linkedStaff.Add(staff.Id);
                Record(RosterRecordKind.ClassTeachers, "Added", $"{staff.FullName} – {ClassName(classId)}", $"{staff.SourcedId} – {classSid}");
            }
            if (_data.Mode != RosterMode.Full) continue;
            foreach (var t in current.Where(t => wanted.All(s => s.Id != t.StaffMemberId)))
                if (staffById.TryGetValue(t.StaffMemberId, out var s) && s.SourcedId is not null) Unlink(t, s, classSid);
        }
        foreach (var (classSid, staffSid) in _scope.EndedTeaching)
        {
            if (!_classIds.TryGetValue(classSid, out var classId) || !_staffBySourcedId.TryGetValue(staffSid, out var staff)) continue;
            if (_scope.ClassTeachers.TryGetValue(classSid, out var named) && named.Contains(staffSid)) continue;
            if (held[classId].FirstOrDefault(t => t.StaffMemberId == staff.Id) is { } link) Unlink(link, staff, classSid);
        }
        if (linkedStaff.Count > 0)
            _plan.Preview.Notes.Add($"{linkedStaff.Count} {(linkedStaff.Count == 1 ? "teacher" : "teachers")} linked to their classes, from the files' teacher enrolments: they see them under \"My class\".");
    }

    private readonly HashSet<Guid> _unlinkedTeaching = [];

    private void Unlink(ClassTeacher link, StaffMember staff, string classSid)
    {
        if (!_unlinkedTeaching.Add(link.Id)) return;
        _plan.LinkOps.Add(new RosterOp(RosterOpKind.Remove, link));
        Record(RosterRecordKind.ClassTeachers, "Unlinked", $"{staff.FullName} – {ClassName(link.SchoolClassId)}", $"{staff.SourcedId} – {classSid}");
    }
}
