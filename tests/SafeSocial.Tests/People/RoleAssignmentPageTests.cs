using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.People;

public class RoleAssignmentPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<StaffMember> NewStaffAsync(Guid orgId, string lastName)
    {
        await using var db = app.Db.System();
        var staff = new StaffMember { Id = Guid.NewGuid(), OrganisationId = orgId, FirstName = "Rory", LastName = lastName, Email = $"{lastName}@school.example" };
        db.StaffMembers.Add(staff);
        await db.SaveChangesAsync(Ct);
        return staff;
    }

    [Fact]
    public async Task GivingAndRemovingARole_IsAuditedWithTheReason()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.School, "Rolegiven");
        var client = await app.SignedInAsync(DemoTrust.Headteacher);
        var roles = $"/o/{demo.School}/staff/{staff.Id}/roles";

        var given = await client.PostFormAsync(roles, [new("Role", "DeputyDesignatedSafeguardingLead"), new("Reason", "Trained as deputy DSL in March")]);
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        await using var db = app.Db.System();
        var assignment = await db.RoleAssignments.SingleAsync(r => r.StaffMemberId == staff.Id, Ct);
        Assert.Equal((Role.DeputyDesignatedSafeguardingLead, demo.School), (assignment.Role, assignment.OrganisationId));
        var added = await db.AuditEntries.SingleAsync(a => a.EntityType == "RoleAssignment" && a.EntityId == assignment.Id.ToString(), Ct);
        Assert.Equal(("Added", "Trained as deputy DSL in March"), (added.Action, added.Reason));
        var page = await client.GetPageAsync(roles);
        Assert.Contains("Deputy designated safeguarding lead", page.QuerySelector("#roles")!.TextContent);

        var removed = await client.PostFormAsync($"{roles}/{assignment.Id}/remove", [new("Reason", "Stepped down from the role")]);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.Id == assignment.Id, Ct));
        var deleted = await db.AuditEntries.SingleAsync(a => a.EntityType == "RoleAssignment" && a.EntityId == assignment.Id.ToString() && a.Action == "Deleted", Ct);
        Assert.Equal("Stepped down from the role", deleted.Reason);
    }

    [Fact]
    public async Task GivingARole_WithoutARoleOrReason_SaysWhatToFix()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.School, "Noreason");
        var client = await app.SignedInAsync(DemoTrust.Headteacher);
        var roles = $"/o/{demo.School}/staff/{staff.Id}/roles";

        var noRole = await TestClient.ParseAsync(await client.PostFormAsync(roles, [new("Reason", "because")]));
        Assert.Contains("Select the role to give", noRole.QuerySelector(".govuk-error-summary")!.TextContent);
        var noReason = await TestClient.ParseAsync(await client.PostFormAsync(roles, [new("Role", "Teacher"), new("Reason", " ")]));
        Assert.Contains("Enter why you are giving this role", noReason.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.NotNull(noReason.QuerySelector("#Role_Teacher[checked]"));
        await using var db = app.Db.System();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.StaffMemberId == staff.Id, Ct));
    }

    [Fact]
    public async Task TrustRoles_AreOfferedOnlyAtTheTrust_AndRefusedInASchool()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.School, "Schoolonly");
        var client = await app.SignedInAsync(DemoTrust.TrustLeader);
        var roles = $"/o/{demo.School}/staff/{staff.Id}/roles";

        var page = await client.GetPageAsync(roles);
        var offered = page.QuerySelectorAll("input[name=Role]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("Headteacher", offered);
        Assert.DoesNotContain("TrustBoard", offered);
        var refused = await TestClient.ParseAsync(await client.PostFormAsync(roles, [new("Role", "TrustBoard"), new("Reason", "test")]));
        Assert.Contains("Trust roles can only be given at the trust", refused.QuerySelector(".govuk-error-summary")!.TextContent);

        var central = await NewStaffAsync(demo.Trust, "Centralteam");
        var trustPage = await client.GetPageAsync($"/o/{demo.Trust}/staff/{central.Id}/roles");
        Assert.Equal(Roles.TrustRoles.Select(r => r.ToString()), trustPage.QuerySelectorAll("input[name=Role]").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public async Task OnlyOneGovernor_IsTheNamedGovernorForOnlineSafety()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var newGovernor = await NewStaffAsync(demo.School, "Newgovernor");
        var client = await app.SignedInAsync(DemoTrust.Headteacher);

        var given = await client.PostFormAsync($"/o/{demo.School}/staff/{newGovernor.Id}/roles",
            [new("Role", "Governor"), new("NamedGovernor", "true"), new("Reason", "Appointed by the governing body")]);
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);

        await using var db = app.Db.System();
        var named = await db.RoleAssignments.Where(r => r.OrganisationId == demo.School && r.IsNamedOnlineSafetyGovernor).ToListAsync(Ct);
        Assert.Equal(newGovernor.Id, Assert.Single(named).StaffMemberId);
        var before = await DemoTrust.StaffAsync(app, DemoTrust.Governor);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "RoleAssignment" && a.Action == "Modified"
            && a.Changes!.Contains("IsNamedOnlineSafetyGovernor") && a.Reason == "Appointed by the governing body", Ct));
        var page = await client.GetPageAsync($"/o/{demo.School}/staff/{before.Id}/roles");
        Assert.NotNull(page.QuerySelector("a[href$='/named-governor']"));
    }

    [Fact]
    public async Task RemovingTheLastRoleThatCanGiveRoles_IsRefused()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var leader = await DemoTrust.StaffAsync(app, DemoTrust.TrustLeader);
        await using var db = app.Db.System();
        var assignment = await db.RoleAssignments.SingleAsync(r => r.StaffMemberId == leader.Id, Ct);
        var client = await app.SignedInAsync(DemoTrust.TrustLeader);

        var response = await client.PostFormAsync($"/o/{demo.Trust}/staff/{leader.Id}/roles/{assignment.Id}/remove", [new("Reason", "Testing the guard")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Nobody else can give and remove roles at Kingfisher Learning Trust", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.True(await db.RoleAssignments.AnyAsync(r => r.Id == assignment.Id, Ct));
    }
}
