using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Web.AccessMatrix;

public sealed record MatrixOrganisation(Guid Id, string Label, string Name, IReadOnlyList<string> PupilNames);

public sealed record MatrixAccount(string Email, string DisplayName, PersonAccess Access)
{
    public TestClient Client { get; set; } = null!;
    public string Slug => Email.Split('@')[0];
}

/// <summary>
/// The demo trust, its two schools, and an outside trust with a school nobody in the demo belongs to (so a
/// trust role also has an "other organisation"), with one record of every mapped kind in each.
/// </summary>
public sealed class MatrixWorld
{
    public required IReadOnlyList<MatrixOrganisation> Organisations { get; init; }
    public required IReadOnlyList<MatrixAccount> Accounts { get; init; }
    /// <summary>Parameter → organisation → one record of it, where the organisation has one.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<Guid, OwnedRecord>> Records { get; init; }

    public static async Task<MatrixWorld> BuildAsync(AppFixture app)
    {
        await AddOutsideTrustAsync(app.Db);
        await AddInvitationsAsync(app.Db);
        await AddConsentCampaignsAsync(app.Db);

        await using var db = app.Db.System();
        var orgs = await db.Organisations.OrderBy(o => o.TrustId != null).ThenBy(o => o.Name).ToListAsync();
        var organisations = new List<MatrixOrganisation>();
        foreach (var o in orgs)
        {
            var names = await db.Pupils.Where(p => p.OrganisationId == o.Id)
                .Select(p => new[] { p.LegalFirstName + " " + p.LegalLastName, (p.PreferredFirstName ?? p.LegalFirstName) + " " + (p.PreferredLastName ?? p.LegalLastName) })
                .ToListAsync();
            var label = o.Name == DemoSeeder.TrustName ? "the demo trust" : o.Kind == OrganisationKind.Trust ? "an outside trust" : o.Name;
            organisations.Add(new MatrixOrganisation(o.Id, label, o.Name, names.SelectMany(n => n).Distinct().ToList()));
        }

        var records = new Dictionary<string, IReadOnlyDictionary<Guid, OwnedRecord>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (parameter, lookup) in RecordLookups.Records)
        {
            var all = await lookup(db).ToListAsync();
            records[parameter] = all.GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.SortKey ?? r.Id, StringComparer.Ordinal).First());
        }

        foreach (var (parameter, make) in RecordLookups.Made)
        {
            var made = new Dictionary<Guid, OwnedRecord>();
            foreach (var o in orgs)
                if (await make(app.Services, o.Id) is { } id) made[o.Id] = new OwnedRecord { Id = id, OrganisationId = o.Id };
            records[parameter] = made;
        }

        var people = await db.StaffMembers
            .Where(s => s.Email!.EndsWith("@demo.safesocial.test") && s.UserId != null)
            .OrderBy(s => s.Email).Select(s => new { s.Email, s.FirstName, s.LastName, s.UserId }).ToListAsync();
        var accounts = new List<MatrixAccount>();
        using (var scope = app.Services.CreateScope())
        {
            var access = scope.ServiceProvider.GetRequiredService<AccessService>();
            foreach (var p in people)
                accounts.Add(new MatrixAccount(p.Email!, $"{p.FirstName} {p.LastName}", await access.ForUserAsync(p.UserId!.Value)));
        }
        return new MatrixWorld { Organisations = organisations, Accounts = accounts, Records = records };
    }

    private static async Task AddOutsideTrustAsync(TestDb testDb)
    {
        var today = DateOnly.FromDateTime(testDb.Clock.GetUtcNow().UtcDateTime);
        var g = TrustGenerator.Generate("Outside Trust", new TrustSize(1, 28, 4), today, seed: 77);
        // Its own names, so nothing on a page can be mistaken for the demo's "Alder Brook" or "school-1".
        g.Trust.SourcedId = "outside-trust";
        g.Schools[0].Name = "Quarry Bank Primary School";
        g.Schools[0].SourcedId = "outside-school";
        await using var db = testDb.System();
        db.Organisations.Add(g.Trust);
        db.Organisations.AddRange(g.Schools);
        db.SchoolClasses.AddRange(g.Classes);
        db.Pupils.AddRange(g.Pupils);
        db.Parents.AddRange(g.Parents);
        db.PupilParents.AddRange(g.Links);
        db.StaffMembers.AddRange(g.Staff);
        db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = g.Schools[0].Id, StaffMemberId = g.Staff[0].Id, Role = Role.Teacher });
        db.PolicyVersions.Add(new PolicyVersion
        {
            Id = Guid.NewGuid(), OrganisationId = g.Schools[0].Id, Version = 1, DateWritten = today.AddMonths(-3), NextReviewDue = today.AddMonths(9),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The demo has no pending invitations; each school gets one so invitation pages are in the matrix too.</summary>
    private static async Task AddInvitationsAsync(TestDb testDb)
    {
        await using var db = testDb.System();
        var now = testDb.Clock.GetUtcNow();
        var staff = await db.StaffMembers.Where(s => s.UserId == null)
            .GroupBy(s => s.OrganisationId).Select(g => g.OrderBy(s => s.Id).First()).ToListAsync();
        foreach (var s in staff)
            db.StaffInvitations.Add(new StaffInvitation
            {
                Id = Guid.NewGuid(), OrganisationId = s.OrganisationId, StaffMemberId = s.Id, Email = s.Email ?? "someone@example.org",
                TokenHash = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)), CreatedAt = now, ExpiresAt = now.AddDays(7),
            });
        await db.SaveChangesAsync();
    }

    /// <summary>The demo has no consent campaigns; each school gets one so campaign pages are in the matrix too.</summary>
    private static async Task AddConsentCampaignsAsync(TestDb testDb)
    {
        await using var db = testDb.System();
        var schools = await db.Organisations.Where(o => o.Kind == OrganisationKind.School).Select(o => o.Id).ToListAsync();
        foreach (var school in schools)
            db.ConsentCampaigns.Add(new ConsentCampaign { Id = Guid.NewGuid(), OrganisationId = school, Name = "Access matrix campaign", StartedAt = testDb.Clock.GetUtcNow(), StartedBy = "Access matrix" });
        await db.SaveChangesAsync();
    }

    public MatrixOrganisation Organisation(Guid id) => Organisations.First(o => o.Id == id);
}
