using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.Roster;

internal sealed partial class RosterPlanner
{
    private readonly HashSet<string> _deletedParents = new(StringComparer.Ordinal);

    private void PlanParents()
    {
        var existing = _existing.Parents.Where(p => p.SourcedId is not null).ToDictionary(p => p.SourcedId!, StringComparer.Ordinal);
        foreach (var (sid, p) in existing) _parentIds[sid] = p.Id;
        foreach (var u in _scope.Parents)
        {
            if (u.Deleted) { _deletedParents.Add(u.SourcedId); continue; }
            if (!existing.TryGetValue(u.SourcedId, out var current))
            {
                var added = new Parent
                {
                    Id = Guid.CreateVersion7(), OrganisationId = _schoolId, FirstName = u.GivenName ?? "", LastName = u.FamilyName ?? "",
                    Email = u.Email, Phone = u.Phone, SourcedId = u.SourcedId,
                };
                _parentIds[u.SourcedId] = added.Id;
                _plan.PersonOps.Add(new RosterOp(RosterOpKind.Add, added));
                Record(RosterRecordKind.Parents, "Added", added.FullName, u.SourcedId);
                continue;
            }
            var diff = new RecordDiff();
            diff.Set(nameof(Parent.FirstName), "First name", current.FirstName, u.GivenName ?? "");
            diff.Set(nameof(Parent.LastName), "Last name", current.LastName, u.FamilyName ?? "");
            if (_data.HasEmail) diff.Set(nameof(Parent.Email), "Email", current.Email, Kept(current.Email, u.Email, current.FullName, "email address"));
            if (_data.HasPhone) diff.Set(nameof(Parent.Phone), "Phone", current.Phone, Kept(current.Phone, u.Phone, current.FullName, "phone number"));
            Apply(RosterRecordKind.Parents, current, diff, current.FullName, u.SourcedId, _plan.PersonOps);
        }
    }

    private readonly List<string> _keptContacts = [];

    /// <summary>
    /// A blank cell is not a reason to forget how to reach a family: a stored email or phone number is changed
    /// only to another value, and the preview says which were kept.
    /// </summary>
    private string? Kept(string? stored, string? inFiles, string name, string what)
    {
        if (inFiles is not null || stored is null) return inFiles;
        _keptContacts.Add($"{name}'s {what}");
        return stored;
    }

    private static string Listed(List<string> items) =>
        string.Join(", ", items.Take(10)) + (items.Count > 10 ? $" and {items.Count - 10:N0} more" : "");

    private void PlanLinks()
    {
        var pupilById = _existing.Pupils.ToDictionary(p => p.Id);
        var parentById = _existing.Parents.ToDictionary(p => p.Id);
        var pupilNames = _scope.Pupils.ToDictionary(p => p.SourcedId, Name, StringComparer.Ordinal);
        var parentNames = _scope.Parents.ToDictionary(p => p.SourcedId, Name, StringComparer.Ordinal);
        var existing = _existing.Links.ToDictionary(l => (l.PupilId, l.ParentId));
        var stated = new HashSet<(Guid, Guid)>();

        var linksOfParent = _existing.Links.ToLookup(l => l.ParentId);
        foreach (var statedLink in _scope.Links.Values)
        {
            var link = statedLink;
            if (_deletedParents.Contains(link.ParentSourcedId)) continue;
            if (!_pupilIds.TryGetValue(link.PupilSourcedId, out var pupilId) || !_parentIds.TryGetValue(link.ParentSourcedId, out var parentId)) continue;
            stated.Add((pupilId, parentId));
            var name = $"{parentNames.GetValueOrDefault(link.ParentSourcedId)} – {pupilNames.GetValueOrDefault(link.PupilSourcedId)}";
            var key = $"{link.ParentSourcedId} – {link.PupilSourcedId}";
            existing.TryGetValue((pupilId, parentId), out var current);
            if (link.Relationship is null)
            {
                // A delta names a parent it does not describe: keep the link as it is, or link as the parent is linked to siblings.
                if (current is not null) { _tallies[RosterRecordKind.ParentLinks].Unchanged++; continue; }
                var sibling = linksOfParent[parentId].FirstOrDefault();
                link = link with { Relationship = sibling?.Relationship ?? "Parent", ParentalResponsibility = sibling?.HasParentalResponsibility ?? true };
            }
            if (current is null)
            {
                _plan.LinkOps.Add(new RosterOp(RosterOpKind.Add, new PupilParent
                {
                    Id = Guid.CreateVersion7(), OrganisationId = _schoolId, PupilId = pupilId, ParentId = parentId,
                    Relationship = link.Relationship!, HasParentalResponsibility = link.ParentalResponsibility,
                }));
                Record(RosterRecordKind.ParentLinks, "Added", name, key,
                    [new RosterFieldChange("Relationship", null, link.Relationship), new RosterFieldChange("Parental responsibility", null, RecordDiff.Show(link.ParentalResponsibility))]);
                continue;
            }
            var diff = new RecordDiff();
            diff.Set(nameof(PupilParent.Relationship), "Relationship", current.Relationship, link.Relationship!);
            diff.Set(nameof(PupilParent.HasParentalResponsibility), "Parental responsibility", current.HasParentalResponsibility, link.ParentalResponsibility);
            Apply(RosterRecordKind.ParentLinks, current, diff, name, key, _plan.LinkOps);
        }

        // A link the files no longer state is removed, so a parent the MIS has unlinked stops being shown as one.
        var present = _scope.Pupils.Where(p => !_scope.DeletedPupils.Contains(p.SourcedId)).Select(p => p.SourcedId).ToHashSet(StringComparer.Ordinal);
        foreach (var l in _existing.Links)
        {
            if (stated.Contains((l.PupilId, l.ParentId)) || parentById[l.ParentId].SourcedId is not { } parent || pupilById[l.PupilId].SourcedId is not { } pupil) continue;
            var unlink = _deletedParents.Contains(parent) || (_data.Mode == RosterMode.Full && present.Contains(pupil));
            if (!unlink) continue;
            _plan.LinkOps.Add(new RosterOp(RosterOpKind.Remove, l));
            Record(RosterRecordKind.ParentLinks, "Unlinked", $"{parentById[l.ParentId].FullName} – {pupilById[l.PupilId].KnownAs}", $"{parent} – {pupil}", [new RosterFieldChange("Relationship", l.Relationship, null)]);
        }
    }

    private void Summarise()
    {
        var preview = _plan.Preview;
        preview.Counts = _tallies.Select(t => new RosterCount(t.Key, t.Value.Added, t.Value.Updated, t.Value.Unchanged, t.Value.Leaving, t.Value.Fields)).ToList();
        var notes = preview.Notes;
        if (_scope.OtherOrganisationUsers > 0)
            notes.Add($"{_scope.OtherOrganisationUsers} {(_scope.OtherOrganisationUsers == 1 ? "pupil or member of staff in the files belongs" : "pupils and staff in the files belong")} to other organisations (the files look like a trust-wide export), so they and their parents were left out of this school's import.");
        if (_scope.AgentsNotParents > 0)
            notes.Add($"{_scope.AgentsNotParents} {(_scope.AgentsNotParents == 1 ? "entry in pupils' agentSourcedIds names" : "entries in pupils' agentSourcedIds name")} staff rather than parents or carers, so {(_scope.AgentsNotParents == 1 ? "it was" : "they were")} not read as a parent.");
        if (_scope.ScheduledClassesSkipped > 0)
            notes.Add($"{_scope.ScheduledClassesSkipped} timetabled (scheduled) {(_scope.ScheduledClassesSkipped == 1 ? "class was" : "classes were")} not imported: SafeSocial keeps registration (homeroom) classes.");
        if (_scope.OtherRelationships > 0)
            notes.Add($"{_scope.OtherRelationships} {(_scope.OtherRelationships == 1 ? "relationship that is" : "relationships that are")} not a parent or carer (such as an emergency contact) {(_scope.OtherRelationships == 1 ? "was" : "were")} not imported.");
        if (_severalClasses.Count > 0)
            notes.Add($"{_severalClasses.Count} {(_severalClasses.Count == 1 ? "pupil is" : "pupils are")} enrolled in more than one class, and none of them is marked as the registration (homeroom) class, so SafeSocial did not change {(_severalClasses.Count == 1 ? "their class" : "their classes")}: "
                + Listed(_severalClasses) + ". To place pupils, mark their registration class as homeroom in the MIS (classType), or set their class in SafeSocial.");
        if (_sharedClassNames.Count > 0)
            notes.Add($"Several classes share a name ({string.Join(", ", _sharedClassNames.Select(n => $"\"{n}\""))}). SafeSocial tells them apart by their teachers and codes from the files, in the changes below and in its class lists.");
        if (_keptContacts.Count > 0)
            notes.Add($"The files leave blank {_keptContacts.Count} {(_keptContacts.Count == 1 ? "contact detail" : "contact details")} that SafeSocial has, so {(_keptContacts.Count == 1 ? "it was" : "they were")} kept: "
                + Listed(_keptContacts) + ". Change them in SafeSocial if they are no longer right.");
        var unmatchedPupils = _existing.Pupils.Count(p => p.SourcedId is null);
        var unmatchedStaff = _existing.Staff.Count(s => s.SourcedId is null);
        if (unmatchedPupils + unmatchedStaff > 0)
            notes.Add($"{unmatchedPupils} pupils and {unmatchedStaff} staff in SafeSocial have no roster id (they were added by hand), so imports never change them or mark them as leavers.");
    }
}
