using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;

namespace SafeSocial.Core.Demo;

public sealed record DemoAccount(string Email, Role Role, string SchoolOrTrust, bool UsesTwoFactor);

/// <summary>On a first run, a fictional trust with two schools and one sign-in for every role.</summary>
public sealed class DemoSeeder(SafeSocialDb db, UserManager<AppUser> users, TimeProvider clock, Accounts.Vault.CredentialVault vault)
{
    public const string Password = "demo password 2026";
    /// <summary>The shared authenticator key of the demo accounts that need two-factor (base32).</summary>
    public const string AuthenticatorKey = "DEMOSAFESOCIALKEYTWOFACTORSIGNIN";
    public const string TrustName = "Kingfisher Learning Trust";

    public List<DemoAccount> Accounts { get; } = [];

    public async Task<bool> SeedIfEmptyAsync()
    {
        db.Scope.OpenForSystemWork();
        db.Audit.ActorName = "Demo data";
        var empty = !await db.Organisations.AnyAsync();
        if (empty) await SeedAsync();
        await DemoParents.EnsureAsync(db);
        await LoadAccountsAsync();
        return empty;
    }

    private async Task SeedAsync()
    {
        var today = UkTime.Today(clock);
        var g = TrustGenerator.Generate(TrustName, TrustSize.Demo, today);
        db.Organisations.Add(g.Trust);
        db.Organisations.AddRange(g.Schools);
        db.SchoolClasses.AddRange(g.Classes);
        db.Pupils.AddRange(g.Pupils);
        db.Parents.AddRange(g.Parents);
        db.PupilParents.AddRange(g.Links);
        db.StaffMembers.AddRange(g.Staff);
        var consent = DemoConsent.For(g, today, clock.GetUtcNow());
        db.ConsentRecords.AddRange(consent.Records);
        db.BiometricConsentRecords.AddRange(consent.Biometric);
        foreach (var school in g.Schools)
            db.PolicyVersions.Add(new PolicyVersion
            {
                Id = Guid.NewGuid(), OrganisationId = school.Id, Version = 1, DateWritten = today.AddMonths(-11),
                RatifiedBy = "Governing body", RatifiedOn = today.AddMonths(-11).AddDays(14), NextReviewDue = today.AddDays(45),
            });
        await db.SaveChangesAsync();

        var faker = new Faker("en_GB");
        var first = g.Schools[0];
        foreach (var role in Enum.GetValues<Role>())
            await AddAccountAsync(faker, role, role.IsTrustRole() ? g.Trust.Id : first.Id, Slug(role), today);
        await AddAccountAsync(faker, Role.Headteacher, g.Schools[1].Id, "headteacher.second-school", today);
        await AddAccountAsync(faker, Role.Teacher, g.Schools[1].Id, "teacher.second-school", today);
        await AddClassTeachersAsync(g);
        await DemoTakedowns.SeedAsync(db, clock);
        await DemoOfficialAccounts.SeedAsync(db, g.Trust.Id, first.Id, clock, vault);
    }

    /// <summary>Each school's demo teacher teaches its first class, so "My class" has something to show.</summary>
    private async Task AddClassTeachersAsync(GeneratedTrust g)
    {
        foreach (var (slug, school) in new[] { ("teacher", g.Schools[0]), ("teacher.second-school", g.Schools[1]) })
        {
            var teacher = await db.StaffMembers.SingleAsync(s => s.Email == $"{slug}@demo.safesocial.test");
            var cls = g.Classes.Where(c => c.OrganisationId == school.Id).OrderBy(c => c.Name, StringComparer.Ordinal).First();
            db.ClassTeachers.Add(new ClassTeacher { Id = Guid.NewGuid(), OrganisationId = school.Id, SchoolClassId = cls.Id, StaffMemberId = teacher.Id });
        }
        await db.SaveChangesAsync();
    }

    private async Task AddAccountAsync(Faker faker, Role role, Guid organisationId, string slug, DateOnly today)
    {
        var staff = TrustGenerator.NewStaff(faker, organisationId, role.Title(), $"demo-{slug}", today);
        staff.Email = $"{slug}@demo.safesocial.test";
        staff.Kind = role switch
        {
            Role.Governor or Role.TrustBoard => StaffKind.Governor,
            Role.Volunteer => StaffKind.Volunteer,
            Role.Contractor => StaffKind.Contractor,
            _ => StaffKind.Staff,
        };
        var user = new AppUser { Id = Guid.NewGuid(), UserName = staff.Email, Email = staff.Email, EmailConfirmed = true, DisplayName = staff.FullName };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        var access = DefaultPermissions.For(role);
        if (Permissions.RequireTwoFactor.Any(access.Contains))
        {
            await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", AuthenticatorKey);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        staff.UserId = user.Id;
        db.StaffMembers.Add(staff);
        db.RoleAssignments.Add(new RoleAssignment
        {
            Id = Guid.NewGuid(), OrganisationId = organisationId, StaffMemberId = staff.Id, Role = role,
            IsNamedOnlineSafetyGovernor = role == Role.Governor,
        });
        await db.SaveChangesAsync();
    }

    private async Task LoadAccountsAsync()
    {
        var rows = await db.RoleAssignments
            .Where(r => r.StaffMember!.Email!.EndsWith("@demo.safesocial.test") && r.StaffMember.UserId != null)
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { r.StaffMember!.Email, r.Role, o.Name, r.StaffMember.UserId })
            .ToListAsync();
        var twoFactor = await db.Users.Where(u => u.TwoFactorEnabled).Select(u => u.Id).ToListAsync();
        Accounts.Clear();
        Accounts.AddRange(rows.OrderBy(r => r.Role).ThenBy(r => r.Name)
            .Select(r => new DemoAccount(r.Email!, r.Role, r.Name, twoFactor.Contains(r.UserId!.Value))));
    }

    private static string Slug(Role role) => string.Concat(role.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + c : c.ToString())).ToLowerInvariant();
}
