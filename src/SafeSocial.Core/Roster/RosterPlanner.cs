using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Roster;

/// <summary>
/// Compares the school's part of the files with its records in SafeSocial and plans the writes: additions,
/// changes (only of fields the files hold), leavers (never deletions) and parent links. Records are matched by
/// sourcedId; a record that is the same on both sides is not touched, so a re-import writes nothing.
/// </summary>
internal sealed partial class RosterPlanner
{
    private readonly RosterData _data;
    private readonly RosterScope _scope;
    private readonly ExistingRoster _existing;
    private readonly Guid _schoolId;
    private readonly DateOnly _today;
    private readonly RosterProblems _problems;
    private readonly RosterPlan _plan;
    private readonly Dictionary<RosterRecordKind, Tally> _tallies = Enum.GetValues<RosterRecordKind>().ToDictionary(k => k, _ => new Tally());
    private readonly Dictionary<string, Guid> _classIds = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _classNames = [];
    private readonly Dictionary<string, Guid> _pupilIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _parentIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StaffMember> _staffBySourcedId = new(StringComparer.Ordinal);

    private sealed class Tally
    {
        public int Added, Updated, Unchanged, Leaving;
        public Dictionary<string, int> Fields { get; } = [];
    }

    private RosterPlanner(RosterData data, RosterScope scope, ExistingRoster existing, Guid schoolId, DateOnly today, RosterProblems problems, RosterPreview preview)
    {
        (_data, _scope, _existing, _schoolId, _today, _problems) = (data, scope, existing, schoolId, today, problems);
        _plan = new RosterPlan(preview);
    }

    public static RosterPlan Plan(RosterData data, RosterScope scope, ExistingRoster existing, Guid schoolId, DateOnly today, Guid? actingUserId,
        RosterProblems problems, RosterPreview preview)
    {
        var planner = new RosterPlanner(data, scope, existing, schoolId, today, problems, preview);
        planner.PlanClasses();
        planner.PlanPupils();
        planner.PlanStaff(actingUserId);
        planner.PlanParents();
        planner.PlanLinks();
        planner.PlanClassTeachers();
        planner.Summarise();
        return planner._plan;
    }

    private void Record(RosterRecordKind kind, string action, string name, string sourcedId, List<RosterFieldChange>? fields = null, bool hasSignIn = false)
    {
        var t = _tallies[kind];
        switch (action)
        {
            case "Added": t.Added++; break;
            case "Updated": t.Updated++; break;
            default: t.Leaving++; break;
        }
        if (action == "Updated")
            foreach (var f in fields ?? []) t.Fields[f.Field] = t.Fields.GetValueOrDefault(f.Field) + 1;
        var preview = _plan.Preview;
        var change = new RosterChange(kind, action, name, sourcedId, fields ?? [], hasSignIn);
        if (action is "Added" or "Updated")
        {
            if (preview.Changes.Count < RosterPreview.ChangesShown) preview.Changes.Add(change); else preview.ChangesNotShown++;
        }
        else if (preview.Leavers.Count < RosterPreview.ChangesShown * 2) preview.Leavers.Add(change);
        else preview.LeaversNotShown++;
    }

    private static string Name(RosterUser u) => $"{u.GivenName} {u.FamilyName}".Trim();

    private void PlanClasses()
    {
        var existing = _existing.Classes.Where(c => c.SourcedId is not null).ToDictionary(c => c.SourcedId!, StringComparer.Ordinal);
        foreach (var c in _existing.Classes) _classNames[c.Id] = c.Name;
        foreach (var (sid, c) in existing) _classIds[sid] = c.Id;
        var staffNames = _scope.Staff.ToDictionary(u => u.SourcedId, Name, StringComparer.Ordinal);
        var shared = SchoolClass.SharedNames(_scope.Classes.Select(c => c.Title)
            .Concat(_existing.Classes.Where(c => c.SourcedId is null || !_scope.Classes.Any(f => f.SourcedId == c.SourcedId)).Select(c => c.Name)));
        foreach (var c in _scope.Classes)
        {
            var year = RosterScope.YearGroupOf(c.Grades);
            var teachers = _scope.ClassTeachers.TryGetValue(c.SourcedId, out var ids)
                ? string.Join(", ", ids.Select(id => staffNames.GetValueOrDefault(id)).Where(n => !string.IsNullOrEmpty(n)).Order(StringComparer.CurrentCulture)) : "";
            if (teachers == "") teachers = null;
            // A delta states a class's teachers only when it names them.
            var teachersKnown = _data.Mode == RosterMode.Full || teachers is not null;
            var label = SchoolClass.Label(c.Title, teachers, c.Code, shared.Contains(c.Title));
            if (shared.Contains(c.Title)) _sharedClassNames.Add(c.Title);
            if (!existing.TryGetValue(c.SourcedId, out var current))
            {
                var added = new SchoolClass
                {
                    Id = Guid.CreateVersion7(), OrganisationId = _schoolId, Name = c.Title, YearGroup = year, SourcedId = c.SourcedId,
                    Code = c.Code, Teachers = teachersKnown ? teachers : null,
                };
                _classIds[c.SourcedId] = added.Id;
                _classNames[added.Id] = label;
                _plan.ClassOps.Add(new RosterOp(RosterOpKind.Add, added));
                Record(RosterRecordKind.Classes, "Added", label, c.SourcedId);
                continue;
            }
            var diff = new RecordDiff();
            diff.Set(nameof(SchoolClass.Name), "Name", current.Name, c.Title);
            if (year is not null) diff.Set(nameof(SchoolClass.YearGroup), "Year group", current.YearGroup, year);
            if (c.Code is not null) diff.Set(nameof(SchoolClass.Code), "Code", current.Code, c.Code);
            if (teachersKnown && _data.HasEnrollments) diff.Set(nameof(SchoolClass.Teachers), "Teachers", current.Teachers, teachers);
            _classNames[current.Id] = label;
            Apply(RosterRecordKind.Classes, current, diff, label, c.SourcedId, _plan.ClassOps);
        }
    }

    private readonly HashSet<string> _sharedClassNames = new(StringComparer.CurrentCultureIgnoreCase);

    private void Apply(RosterRecordKind kind, object entity, RecordDiff diff, string name, string sourcedId, List<RosterOp> ops)
    {
        if (!diff.Any) { _tallies[kind].Unchanged++; return; }
        ops.Add(new RosterOp(RosterOpKind.Update, entity, diff.Values));
        Record(kind, "Updated", name, sourcedId, diff.Fields);
    }

    private string? ClassName(Guid? id) => id is { } g && _classNames.TryGetValue(g, out var n) ? n : null;

    private void PlanPupils()
    {
        var existing = _existing.Pupils.Where(p => p.SourcedId is not null).ToDictionary(p => p.SourcedId!, StringComparer.Ordinal);
        foreach (var (sid, p) in existing) _pupilIds[sid] = p.Id;
        var classYears = _scope.Classes.ToDictionary(c => c.SourcedId, c => RosterScope.YearGroupOf(c.Grades), StringComparer.Ordinal);
        foreach (var u in _scope.Pupils)
        {
            existing.TryGetValue(u.SourcedId, out var current);
            if (_scope.DeletedPupils.Contains(u.SourcedId))
            {
                if (current is not null && !current.HasLeft(_today)) Leave(RosterRecordKind.Pupils, current, current.KnownAs, u.SourcedId);
                continue;
            }
            var enrolled = _scope.PupilClass.TryGetValue(u.SourcedId, out var classSid);
            // In several classes and no homeroom among them: which is the pupil's class is not the files' to say.
            var severalClasses = _scope.SeveralClasses.TryGetValue(u.SourcedId, out var several);
            if (severalClasses) _severalClasses.Add($"{Name(u)} ({string.Join(", ", several!.Select(c => _classIds.TryGetValue(c, out var g) ? ClassName(g) : c))})");
            var placeClass = _data.HasEnrollments && !severalClasses && (enrolled || _data.Mode == RosterMode.Full);
            Guid? classId = classSid is not null && _classIds.TryGetValue(classSid, out var cid) ? cid : null;
            var year = RosterScope.YearGroupOf(u.Grade) ?? (classSid is not null ? classYears.GetValueOrDefault(classSid) : null);
            var preferredFirst = u.PreferredGivenName == u.GivenName ? null : u.PreferredGivenName;
            var preferredLast = u.PreferredFamilyName == u.FamilyName ? null : u.PreferredFamilyName;

            if (current is null)
            {
                var added = new Pupil
                {
                    Id = Guid.CreateVersion7(), OrganisationId = _schoolId, LegalFirstName = u.GivenName ?? "", LegalLastName = u.FamilyName ?? "",
                    PreferredFirstName = preferredFirst, PreferredLastName = preferredLast, DateOfBirth = u.DateOfBirth,
                    YearGroup = year, ClassId = placeClass ? classId : null, SourcedId = u.SourcedId,
                };
                added.RefreshSearchName();
                _pupilIds[u.SourcedId] = added.Id;
                _plan.PersonOps.Add(new RosterOp(RosterOpKind.Add, added));
                Record(RosterRecordKind.Pupils, "Added", added.KnownAs, u.SourcedId);
                continue;
            }
            var diff = new RecordDiff();
            diff.Set(nameof(Pupil.LegalFirstName), "Legal first name", current.LegalFirstName, u.GivenName ?? "");
            diff.Set(nameof(Pupil.LegalLastName), "Legal last name", current.LegalLastName, u.FamilyName ?? "");
            if (_data.HasPreferredNames)
            {
                diff.Set(nameof(Pupil.PreferredFirstName), "Preferred first name", current.PreferredFirstName, preferredFirst);
                diff.Set(nameof(Pupil.PreferredLastName), "Preferred last name", current.PreferredLastName, preferredLast);
            }
            if (u.DateOfBirth is { } dob) diff.Set(nameof(Pupil.DateOfBirth), "Date of birth", current.DateOfBirth, dob);
            if (year is not null) diff.Set(nameof(Pupil.YearGroup), "Year group", current.YearGroup, year);
            if (placeClass) diff.Set(nameof(Pupil.ClassId), "Class", current.ClassId, classId, ClassName);
            if (current.HasLeft(_today)) diff.Set(nameof(Pupil.LeavingDate), "Leaving date", current.LeavingDate, null);
            if (diff.Fields.Any(f => f.Field.Contains("name", StringComparison.Ordinal)))
            {
                var renamed = new Pupil
                {
                    LegalFirstName = u.GivenName ?? "", LegalLastName = u.FamilyName ?? "",
                    PreferredFirstName = _data.HasPreferredNames ? preferredFirst : current.PreferredFirstName,
                    PreferredLastName = _data.HasPreferredNames ? preferredLast : current.PreferredLastName,
                };
                renamed.RefreshSearchName();
                if (renamed.SearchName != current.SearchName) diff.SetQuietly(nameof(Pupil.SearchName), renamed.SearchName);
            }
            Apply(RosterRecordKind.Pupils, current, diff, current.KnownAs, u.SourcedId, _plan.PersonOps);
        }
        var inFiles = _scope.Pupils.Select(p => p.SourcedId).ToHashSet(StringComparer.Ordinal);
        if (_data.Mode == RosterMode.Delta)
        {
            // A delta may move a pupil to another class without repeating the pupil.
            foreach (var (sid, classSid) in _scope.PupilClass)
            {
                if (inFiles.Contains(sid) || !existing.TryGetValue(sid, out var p)) continue;
                var diff = new RecordDiff();
                diff.Set(nameof(Pupil.ClassId), "Class", p.ClassId, classSid is not null && _classIds.TryGetValue(classSid, out var id) ? id : (Guid?)null, ClassName);
                Apply(RosterRecordKind.Pupils, p, diff, p.KnownAs, sid, _plan.PersonOps);
            }
            return;
        }
        foreach (var (sid, p) in existing)
            if (!inFiles.Contains(sid) && !p.HasLeft(_today)) Leave(RosterRecordKind.Pupils, p, p.KnownAs, sid);
    }

    private readonly List<string> _severalClasses = [];

    private void Leave(RosterRecordKind kind, object entity, string name, string sourcedId, bool hasSignIn = false)
    {
        _plan.PersonOps.Add(new RosterOp(RosterOpKind.Update, entity, [("LeavingDate", _today)]));
        Record(kind, "Leaving", name, sourcedId, [new RosterFieldChange("Leaving date", null, RecordDiff.Show(_today))], hasSignIn);
    }

    private void PlanStaff(Guid? actingUserId)
    {
        var existing = _existing.Staff.Where(s => s.SourcedId is not null).ToDictionary(s => s.SourcedId!, StringComparer.Ordinal);
        var leaving = new List<StaffMember>();
        foreach (var u in _scope.Staff)
        {
            existing.TryGetValue(u.SourcedId, out var current);
            if (_scope.DeletedStaff.Contains(u.SourcedId))
            {
                if (current is not null && !current.HasLeft(_today)) leaving.Add(current);
                continue;
            }
            if (current is not null) _staffBySourcedId[u.SourcedId] = current;
            var start = _scope.StaffStart.TryGetValue(u.SourcedId, out var s) ? s : (DateOnly?)null;
            if (current is null)
            {
                var added = new StaffMember
                {
                    Id = Guid.CreateVersion7(), OrganisationId = _schoolId, Kind = StaffKind.Staff, FirstName = u.GivenName ?? "", LastName = u.FamilyName ?? "",
                    Email = u.Email, JobTitle = _scope.StaffTitle.GetValueOrDefault(u.SourcedId), StartDate = start, SourcedId = u.SourcedId,
                };
                _staffBySourcedId[u.SourcedId] = added;
                _plan.PersonOps.Add(new RosterOp(RosterOpKind.Add, added));
                Record(RosterRecordKind.Staff, "Added", added.FullName, u.SourcedId);
                continue;
            }
            var diff = new RecordDiff();
            diff.Set(nameof(StaffMember.FirstName), "First name", current.FirstName, u.GivenName ?? "");
            diff.Set(nameof(StaffMember.LastName), "Last name", current.LastName, u.FamilyName ?? "");
            if (_data.HasEmail) diff.Set(nameof(StaffMember.Email), "Email", current.Email, Kept(current.Email, u.Email, current.FullName, "email address"));
            // The school may have given a better title than the MIS role ("Teacher"): only fill a blank one.
            if (current.JobTitle is null) diff.Set(nameof(StaffMember.JobTitle), "Job title", current.JobTitle, _scope.StaffTitle.GetValueOrDefault(u.SourcedId));
            if (start is not null) diff.Set(nameof(StaffMember.StartDate), "Start date", current.StartDate, start);
            if (current.HasLeft(_today)) diff.Set(nameof(StaffMember.LeavingDate), "Leaving date", current.LeavingDate, null);
            Apply(RosterRecordKind.Staff, current, diff, current.FullName, u.SourcedId, _plan.PersonOps);
        }
        if (_data.Mode == RosterMode.Full)
        {
            var inFiles = _scope.Staff.Select(p => p.SourcedId).ToHashSet(StringComparer.Ordinal);
            leaving.AddRange(existing.Values.Where(s => !inFiles.Contains(s.SourcedId!) && !s.HasLeft(_today)));
        }
        foreach (var s in leaving)
        {
            Leave(RosterRecordKind.Staff, s, s.FullName, s.SourcedId!, s.UserId is not null);
            if (actingUserId is not null && s.UserId == actingUserId)
                _problems.Error("users.csv", $"You ({s.FullName}, sourcedId \"{s.SourcedId}\") are not in these files, so this import would record you as a leaver and you would lose access to SafeSocial. Check that the export includes all staff, or ask a colleague to import it.");
        }
        var signIns = leaving.Count(s => s.UserId is not null);
        if (signIns > 0)
            _problems.Warning("users.csv", $"{signIns} of the staff who would leave {(signIns == 1 ? "has a SafeSocial sign-in; they" : "have SafeSocial sign-ins; they")} will lose access when the import is applied. They are marked in the list of leavers.");
    }
}
