using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core.People;

/// <summary>Who teaches which class at a school: read for a teacher's "My class", set on a staff member's page.</summary>
public sealed class ClassTeaching(SafeSocialDb db, TimeProvider clock)
{
    /// <summary>The classes of this school the signed-in person teaches, while they have not left.</summary>
    public async Task<IReadOnlyList<ClassOption>> TaughtByUserAsync(Guid schoolId, Guid userId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        return Sorted(await db.ClassTeachers.AsNoTracking()
            .Where(t => t.OrganisationId == schoolId && t.StaffMember!.UserId == userId && (t.StaffMember.LeavingDate == null || t.StaffMember.LeavingDate > today))
            .Select(t => t.SchoolClass!).Distinct().ToListAsync(ct));
    }

    /// <summary>The classes of this school one of its staff members teaches.</summary>
    public async Task<IReadOnlyList<ClassOption>> TaughtByStaffAsync(Guid schoolId, Guid staffId, CancellationToken ct = default) =>
        Sorted(await db.ClassTeachers.AsNoTracking().Where(t => t.OrganisationId == schoolId && t.StaffMemberId == staffId)
            .Select(t => t.SchoolClass!).ToListAsync(ct));

    /// <summary>Makes these the classes the staff member teaches; a class or person of another school is not found. Audited.</summary>
    public async Task<Outcome> SetAsync(Guid schoolId, Guid staffId, IReadOnlyCollection<Guid> classIds, CancellationToken ct = default)
    {
        if (!await db.StaffMembers.AnyAsync(s => s.OrganisationId == schoolId && s.Id == staffId, ct)) return Outcome.NotFound;
        var wanted = classIds.Distinct().ToList();
        if (await db.SchoolClasses.CountAsync(c => c.OrganisationId == schoolId && wanted.Contains(c.Id), ct) != wanted.Count) return Outcome.NotFound;
        var held = await db.ClassTeachers.Where(t => t.OrganisationId == schoolId && t.StaffMemberId == staffId).ToListAsync(ct);
        db.ClassTeachers.RemoveRange(held.Where(t => !wanted.Contains(t.SchoolClassId)));
        db.ClassTeachers.AddRange(wanted.Where(id => held.All(t => t.SchoolClassId != id))
            .Select(id => new ClassTeacher { Id = Guid.NewGuid(), OrganisationId = schoolId, SchoolClassId = id, StaffMemberId = staffId }));
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Sorted by year and name; two of them with one name are told apart by teacher and code.</summary>
    private static List<ClassOption> Sorted(IReadOnlyList<SchoolClass> classes)
    {
        var shared = SchoolClass.SharedNames(classes.Select(c => c.Name));
        return classes.OrderBy(c => YearGroups.SortKey(c.YearGroup)).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .Select(c => new ClassOption(c.Id, c.Name, c.YearGroup, SchoolClass.Label(c.Name, c.Teachers, c.Code, shared.Contains(c.Name)))).ToList();
    }
}
