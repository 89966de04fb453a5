namespace SafeSocial.Core.Roster;

/// <summary>A pupil–parent link as this import states it; no relationship when a delta links to a parent it does not hold.</summary>
internal sealed record ScopedLink(string PupilSourcedId, string ParentSourcedId, string? Relationship, bool ParentalResponsibility);

/// <summary>The roster ids the school already has: a delta file may refer to people and classes it does not repeat.</summary>
internal sealed record KnownIds(IReadOnlySet<string> Pupils, IReadOnlySet<string> Parents, IReadOnlySet<string> Classes)
{
    public static readonly KnownIds None = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}

/// <summary>
/// The part of the files that is about one school: its pupils, staff, parents and classes, with the links
/// between them checked. Rows for other organisations (a trust-wide export) are counted and left out.
/// </summary>
internal sealed class RosterScope
{
    public HashSet<string> OrgSet { get; } = new(StringComparer.Ordinal);
    public List<RosterUser> Pupils { get; } = [];
    public List<RosterUser> Staff { get; } = [];
    public List<RosterUser> Parents { get; } = [];
    public HashSet<string> DeletedPupils { get; } = new(StringComparer.Ordinal);
    public HashSet<string> DeletedStaff { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Pupil, string Parent), ScopedLink> Links { get; } = [];
    public List<RosterClass> Classes { get; } = [];
    /// <summary>Each enrolled pupil's class; pupils not here had no enrolment in this school.</summary>
    public Dictionary<string, string?> PupilClass { get; } = new(StringComparer.Ordinal);
    /// <summary>Pupils enrolled in several of the school's classes, none of them a homeroom: their class is left as it is.</summary>
    public Dictionary<string, List<string>> SeveralClasses { get; } = new(StringComparer.Ordinal);
    /// <summary>Each class's teachers (staff enrolled as teacher, aide…), by sourcedId.</summary>
    public Dictionary<string, List<string>> ClassTeachers { get; } = new(StringComparer.Ordinal);
    /// <summary>Teacher enrolments marked tobedeleted: (class, staff) by sourcedId.</summary>
    public HashSet<(string Class, string Staff)> EndedTeaching { get; } = [];
    public Dictionary<string, string> StaffTitle { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DateOnly> StaffStart { get; } = new(StringComparer.Ordinal);
    public int OtherOrganisationUsers { get; private set; }
    public int ScheduledClassesSkipped { get; private set; }
    public int AgentsNotParents { get; private set; }
    public int OtherRelationships { get; private set; }

    private readonly RosterData _data;
    private readonly RosterProblems _problems;
    private readonly KnownIds _known;
    private readonly HashSet<string> _pupilIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _staffIds = new(StringComparer.Ordinal);

    private RosterScope(RosterData data, RosterProblems problems, KnownIds known) => (_data, _problems, _known) = (data, problems, known);

    /// <param name="known">What the school already has; used only by a delta import.</param>
    public static RosterScope Build(RosterData data, string schoolSourcedId, RosterProblems problems, KnownIds known)
    {
        var scope = new RosterScope(data, problems, data.Mode == RosterMode.Delta ? known : KnownIds.None);
        scope.CollectOrgs(schoolSourcedId);
        scope.CollectPeople();
        if (data.Format is RosterFormat.SchoolDataSync21 or RosterFormat.SchoolDataSync2) scope.LinkFromRelationships(); else scope.LinkFromAgents();
        scope.CollectParents();
        scope.CollectClasses();
        return scope;
    }

    /// <summary>The school and anything under it (departments), by parentSourcedId.</summary>
    private void CollectOrgs(string school)
    {
        OrgSet.Add(school);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var o in _data.Orgs.Values)
                if (o.ParentSourcedId is { } p && OrgSet.Contains(p) && OrgSet.Add(o.SourcedId)) grew = true;
        }
    }

    private bool InSchool(RosterUser u, RosterUserRole r) =>
        r.OrgSourcedId is { } org ? OrgSet.Contains(org) : u.OrgSourcedIds.Any(OrgSet.Contains);

    private void CollectPeople()
    {
        foreach (var u in _data.Users.Values)
        {
            var here = u.Roles.Where(r => InSchool(u, r)).ToList();
            if (here.Count == 0) continue;
            var pupil = here.Where(r => r.Kind == RosterPersonKind.Pupil).ToList();
            if (pupil.Count > 0)
            {
                Pupils.Add(u);
                _pupilIds.Add(u.SourcedId);
                if (u.Deleted || pupil.All(r => r.Deleted)) DeletedPupils.Add(u.SourcedId);
                else CheckPupil(u);
            }
            var staff = here.Where(r => r.Kind == RosterPersonKind.Staff).ToList();
            if (staff.Count > 0)
            {
                Staff.Add(u);
                _staffIds.Add(u.SourcedId);
                if (u.Deleted || staff.All(r => r.Deleted)) DeletedStaff.Add(u.SourcedId);
                else CheckNames(u);
                StaffTitle[u.SourcedId] = RosterValues.TryRole(staff[0].Role, out _, out var title) ? title : "Staff";
                if (staff.Select(r => r.Begin).FirstOrDefault(b => b is not null) is { } begin) StaffStart[u.SourcedId] = begin;
            }
        }
    }

    private void CheckNames(RosterUser u)
    {
        var (given, family) = _data.NameColumns;
        if (u.GivenName is null) _problems.Error(u.At.File, u.At.Line, given, null, $"{given} is blank. Everyone needs a first name.");
        if (u.FamilyName is null) _problems.Error(u.At.File, u.At.Line, family, null, $"{family} is blank. Everyone needs a last name.");
    }

    private void CheckPupil(RosterUser u)
    {
        CheckNames(u);
        if (u.Grade is null) return;
        var years = RosterValues.SplitList(u.Grade).Select(g => (g, Year: RosterValues.YearGroup(g))).ToList();
        foreach (var (g, _) in years.Where(y => y.Year is null)) u.GradeAt!.Error(_problems, RosterValues.UnknownGradeMessage(g));
        if (years.Select(y => y.Year).Where(y => y is not null).Distinct().Count() > 1)
            u.GradeAt!.Error(_problems, $"A pupil is in one year group, but this line gives \"{u.Grade}\". Give one grade.");
    }

    /// <summary>The year group a pupil's grade gives, if it gives exactly one.</summary>
    public static string? YearGroupOf(string? grades)
    {
        var years = RosterValues.SplitList(grades).Select(RosterValues.YearGroup).Distinct().ToList();
        return years is [{ } only] ? only : null;
    }

    private static string ParentRole(RosterUser u) =>
        u.Roles.FirstOrDefault(r => r.Kind == RosterPersonKind.Parent)?.Role ?? "parent";

    private void AddLink(string pupil, RosterUser parent, string role)
    {
        var (relationship, responsibility) = RosterValues.Relationship(role) ?? ("Parent", true);
        Links.TryAdd((pupil, parent.SourcedId), new ScopedLink(pupil, parent.SourcedId,
            parent.Relationship ?? relationship, parent.ParentalResponsibility ?? responsibility));
    }

    /// <summary>OneRoster: a pupil's agentSourcedIds name their parents, and a parent's name their children.</summary>
    private void LinkFromAgents()
    {
        foreach (var pupil in Pupils.Where(p => !DeletedPupils.Contains(p.SourcedId)))
            foreach (var id in pupil.Agents)
            {
                if (!_data.Users.TryGetValue(id, out var agent))
                {
                    if (_known.Parents.Contains(id)) Links.TryAdd((pupil.SourcedId, id), new ScopedLink(pupil.SourcedId, id, null, true));
                    else if (!_problems.Explained("users.csv", id)) pupil.AgentsAt!.Error(_problems, $"\"{id}\" in agentSourcedIds is not a person in users.csv. Check the sourcedId of the pupil's parent or carer.");
                }
                else if (agent.Is(RosterPersonKind.Parent)) AddLink(pupil.SourcedId, agent, ParentRole(agent));
                else AgentsNotParents++;
            }
        foreach (var parent in _data.Users.Values.Where(u => u.Is(RosterPersonKind.Parent)))
        {
            var concerned = parent.Roles.Any(r => r.Kind == RosterPersonKind.Parent && (InSchool(parent, r) || (r.OrgSourcedId is null && parent.OrgSourcedIds.Count == 0)))
                || parent.Agents.Any(_pupilIds.Contains);
            foreach (var id in parent.Agents)
            {
                if (!_data.Users.TryGetValue(id, out var child))
                {
                    if (_known.Pupils.Contains(id)) AddLink(id, parent, ParentRole(parent));
                    else if (concerned && !_problems.Explained("users.csv", id))
                        parent.AgentsAt!.Error(_problems, $"This {ParentRole(parent)} points at \"{id}\" in agentSourcedIds, but no pupil in users.csv has that sourcedId. Check the pupil's sourcedId, or add the pupil to users.csv.");
                }
                else if (_pupilIds.Contains(id))
                {
                    if (!DeletedPupils.Contains(id)) AddLink(id, parent, ParentRole(parent));
                }
                else if (!child.Is(RosterPersonKind.Pupil))
                {
                    if (concerned) parent.AgentsAt!.Warning(_problems, $"\"{id}\" in agentSourcedIds is not a pupil, so it was not read as this {ParentRole(parent)}'s child.");
                }
            }
        }
    }

    /// <summary>School Data Sync: relationships.csv names each pupil's parents and carers.</summary>
    private void LinkFromRelationships()
    {
        foreach (var link in _data.Links)
        {
            if (!_data.Users.TryGetValue(link.PupilSourcedId, out var pupil) || !pupil.Is(RosterPersonKind.Pupil))
            {
                if (!_problems.Explained("users.csv", link.PupilSourcedId) && !_problems.Explained("roles.csv", link.PupilSourcedId)) link.PupilAt.Error(_problems,
                    $"\"{link.PupilSourcedId}\" is not a pupil in users.csv and roles.csv. Check the pupil's sourcedId in this relationship.");
                continue;
            }
            if (!_data.Users.TryGetValue(link.RelatedSourcedId, out var related))
            {
                if (!_problems.Explained("users.csv", link.RelatedSourcedId)) link.RelatedAt.Error(_problems,
                    $"\"{link.RelatedSourcedId}\" is not a person in users.csv. Add the parent or carer to users.csv, or check the sourcedId.");
                continue;
            }
            if (!_pupilIds.Contains(pupil.SourcedId) || DeletedPupils.Contains(pupil.SourcedId)) continue;
            if (RosterValues.Relationship(link.Role) is null) { OtherRelationships++; continue; }
            if (!related.Is(RosterPersonKind.Parent)) related.Roles.Add(new RosterUserRole(RosterPersonKind.Parent, link.Role, null, null, false, link.RelatedAt));
            AddLink(pupil.SourcedId, related, link.Role);
        }
    }

    private void CollectParents()
    {
        var linked = Links.Values.Select(l => l.ParentSourcedId).ToHashSet(StringComparer.Ordinal);
        foreach (var u in _data.Users.Values)
        {
            var here = u.Roles.Any(r => r.Kind == RosterPersonKind.Parent && InSchool(u, r));
            if (!here && !linked.Contains(u.SourcedId)) continue;
            Parents.Add(u);
            if (!u.Deleted) CheckNames(u);
        }
        var kept = Pupils.Concat(Staff).Concat(Parents).Select(u => u.SourcedId).ToHashSet(StringComparer.Ordinal);
        OtherOrganisationUsers = _data.Users.Values.Count(u => !kept.Contains(u.SourcedId) && u.Roles.Any(r => r.Kind != RosterPersonKind.Parent));
    }

    /// <summary>
    /// Whether an enrolment's role agrees with the person's role in users.csv. One that does not (a pupil enrolled
    /// as the teacher) is not used, with a warning: the person is imported as users.csv says.
    /// </summary>
    private bool Consistent(RosterEnrollment e, RosterPersonKind kind, bool pupil)
    {
        if (!_data.Users.TryGetValue(e.UserSourcedId, out var user))
            return kind != RosterPersonKind.Pupil || pupil;
        var staff = _staffIds.Contains(user.SourcedId);
        if (kind == RosterPersonKind.Pupil ? pupil : kind != RosterPersonKind.Staff || staff) return true;
        var name = $"{user.GivenName} {user.FamilyName}".Trim();
        e.UserAt.Warning(_problems, kind == RosterPersonKind.Pupil
            ? $"{name} (\"{user.SourcedId}\") is {(staff ? "staff" : "not a pupil")} in {user.At.File}, but a {e.Role} in this enrolment. SafeSocial imports them as {user.At.File} says and does not place them in this class as a pupil. Correct the role in one of the files."
            : $"{name} (\"{user.SourcedId}\") is a pupil in {user.At.File}, but a {e.Role} in this enrolment. SafeSocial imports them as a pupil, not as this class's {e.Role}. Correct the role in one of the files.");
        return false;
    }

    private void CollectClasses()
    {
        var inSchool = _data.Classes.Values.Where(c => c.SchoolSourcedId is { } s && OrgSet.Contains(s) && !c.Deleted).ToList();
        // A secondary school's lessons are not registration classes: keep homerooms when the export marks them.
        if (inSchool.Any(c => c.IsHomeroom == true))
        {
            ScheduledClassesSkipped = inSchool.Count(c => c.IsHomeroom != true);
            inSchool = inSchool.Where(c => c.IsHomeroom == true).ToList();
        }
        Classes.AddRange(inSchool);
        var kept = inSchool.Select(c => c.SourcedId).Concat(_known.Classes).ToHashSet(StringComparer.Ordinal);

        var candidates = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in _data.Enrollments)
        {
            var known = _data.Classes.TryGetValue(e.ClassSourcedId, out var cls) || _known.Classes.Contains(e.ClassSourcedId);
            var here = (e.SchoolSourcedId is { } s && OrgSet.Contains(s)) || (cls?.SchoolSourcedId is { } cs && OrgSet.Contains(cs))
                || (cls is null && _known.Classes.Contains(e.ClassSourcedId));
            if (!known && (e.SchoolSourcedId is null || here) && !_problems.Explained("classes.csv", e.ClassSourcedId))
                e.ClassAt.Error(_problems, $"Class \"{e.ClassSourcedId}\" is not in classes.csv. Check the classSourcedId, or add the class.");
            if (!here) continue;
            var pupil = _pupilIds.Contains(e.UserSourcedId) || (!_data.Users.ContainsKey(e.UserSourcedId) && _known.Pupils.Contains(e.UserSourcedId));
            if (!_data.Users.ContainsKey(e.UserSourcedId) && !pupil)
            {
                if (!_problems.Explained("users.csv", e.UserSourcedId)) e.UserAt.Error(_problems, $"\"{e.UserSourcedId}\" is not a person in users.csv. Check the userSourcedId.");
                continue;
            }
            if (!RosterValues.TryRole(e.Role, out var kind, out _)) continue;
            if (e.Deleted)
            {
                if (kind == RosterPersonKind.Staff && _staffIds.Contains(e.UserSourcedId)) EndedTeaching.Add((e.ClassSourcedId, e.UserSourcedId));
                continue;
            }
            if (!Consistent(e, kind, pupil)) continue;
            if (kind == RosterPersonKind.Staff)
            {
                if (!ClassTeachers.TryGetValue(e.ClassSourcedId, out var teachers)) ClassTeachers[e.ClassSourcedId] = teachers = [];
                if (!teachers.Contains(e.UserSourcedId)) teachers.Add(e.UserSourcedId);
                continue;
            }
            if (kind != RosterPersonKind.Pupil) continue;
            if (!candidates.TryGetValue(e.UserSourcedId, out var list)) candidates[e.UserSourcedId] = list = [];
            if (kept.Contains(e.ClassSourcedId) && !list.Contains(e.ClassSourcedId)) list.Add(e.ClassSourcedId);
        }
        foreach (var (pupil, list) in candidates)
        {
            var homeroom = list.Where(c => _data.Classes.TryGetValue(c, out var cls) && cls.IsHomeroom == true).ToList();
            if (list.Count <= 1) PupilClass[pupil] = list.FirstOrDefault();
            else if (homeroom.Count == 1) PupilClass[pupil] = homeroom[0];
            else SeveralClasses[pupil] = list;
        }
    }
}
