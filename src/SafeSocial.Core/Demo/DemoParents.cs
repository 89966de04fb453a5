using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;

namespace SafeSocial.Core.Demo;

/// <summary>
/// Parents of the demo trust with addresses easy to type, so the parent portal can be tried: one parent with a
/// child at each of the two schools (a parent record at each, sharing the address), and a foster carer without
/// parental responsibility, who sees no child to answer for.
/// </summary>
public static class DemoParents
{
    public const string Parent = "parent@demo.safesocial.test";
    public const string CarerWithoutResponsibility = "carer@demo.safesocial.test";

    /// <summary>Gives the addresses once, on a demo trust seeded before they existed too; does nothing when they are already given.</summary>
    public static async Task EnsureAsync(SafeSocialDb db, CancellationToken ct = default)
    {
        if (await db.Parents.AnyAsync(p => p.Email == Parent, ct)) return;
        var trustId = await db.Organisations.Where(o => o.Name == DemoSeeder.TrustName).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        if (trustId is null) return;
        var schools = await db.Organisations.Where(o => o.TrustId == trustId).OrderBy(o => o.SourcedId).Select(o => o.Id).Take(2).ToListAsync(ct);
        Organisation.Parent? first = null;
        foreach (var school in schools)
        {
            // A parent with responsibility for one child only, who has not answered yet, so the demo family is easy to follow.
            var parent = await db.Parents.Where(p => p.OrganisationId == school && p.Children.Count == 1 && p.Children.All(l => l.HasParentalResponsibility)
                    && p.Children.All(l => l.Pupil!.LeavingDate == null && !db.ConsentRecords.Any(r => r.PupilId == l.PupilId)))
                .OrderBy(p => p.SourcedId).FirstOrDefaultAsync(ct);
            if (parent is null) continue;
            parent.Email = Parent;
            // The same person, known to each school: the same name at both.
            if (first is null) first = parent;
            else (parent.FirstName, parent.LastName) = (first.FirstName, first.LastName);
        }
        var carer = await db.Parents.Where(p => p.OrganisationId == schools[0] && p.Children.Any() && p.Children.All(l => !l.HasParentalResponsibility))
            .OrderBy(p => p.SourcedId).FirstOrDefaultAsync(ct);
        if (carer is not null) carer.Email = CarerWithoutResponsibility;
        await db.SaveChangesAsync(ct);
    }
}
