using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.People;

public class StaffPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Person(string first, string last, string? email = null) => new()
    {
        ["Input.Kind"] = "Staff", ["Input.FirstName"] = first, ["Input.LastName"] = last, ["Input.JobTitle"] = "Class teacher",
        ["Input.Email"] = email ?? $"{first}.{last}@school.example".ToLowerInvariant(),
        ["Input.StartDate.Day"] = "1", ["Input.StartDate.Month"] = "9", ["Input.StartDate.Year"] = "2024",
    };

    [Fact]
    public async Task StaffList_ShowsRoleTags_AndSearches()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await DemoTrust.StaffAsync(app, DemoTrust.Headteacher);
        var client = await app.SignedInAsync(DemoTrust.Teacher);

        var page = await client.GetPageAsync($"/o/{demo.School}/staff?search={Uri.EscapeDataString(head.LastName + " " + head.FirstName)}");
        var row = Assert.Single(page.QuerySelectorAll("#staff tbody tr"));
        Assert.Contains(head.FullName, row.TextContent);
        Assert.Equal("Headteacher", row.QuerySelector(".govuk-tag")!.TextContent);
        Assert.Null(page.QuerySelector("a[href$='/staff/add']"));
    }

    [Fact]
    public async Task AddingAPerson_SavesThem_WithAnAuditEntry()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var client = await app.SignedInAsync(DemoTrust.BusinessManager);

        var response = await client.PostFormAsync($"/o/{demo.School}/staff/add", Person("Imogen", "Addsworth"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var detail = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Imogen Addsworth has been added", detail.QuerySelector("#success-message")!.TextContent);
        Assert.Contains("No sign-in", detail.QuerySelector("#sign-in-status")!.TextContent);

        await using var db = app.Db.System();
        var added = await db.StaffMembers.SingleAsync(s => s.LastName == "Addsworth", Ct);
        Assert.Equal((demo.School, StaffKind.Staff, "Class teacher", new DateOnly(2024, 9, 1)), (added.OrganisationId, added.Kind, added.JobTitle, added.StartDate));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Added" && a.EntityType == "StaffMember" && a.EntityId == added.Id.ToString(), Ct));
    }

    [Fact]
    public async Task AddingAPerson_WithMistakes_SaysWhatToFix_AndKeepsWhatWasTyped()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var client = await app.SignedInAsync(DemoTrust.BusinessManager);
        var fields = Person("Keepme", "", "not-an-email");
        fields.Remove("Input.Kind");
        fields["Input.StartDate.Month"] = "13";

        var response = await client.PostFormAsync($"/o/{demo.School}/staff/add", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var summary = page.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("Select who they are", summary);
        Assert.Contains("Enter their last name", summary);
        Assert.Contains("Enter an email address in the correct format", summary);
        Assert.Contains("Start date must be a real date", summary);
        Assert.Equal("Keepme", page.QuerySelector("#Input_FirstName")!.GetAttribute("value"));
        Assert.Equal("13", page.QuerySelector("#Input_StartDate_Month")!.GetAttribute("value"));
        Assert.StartsWith("Error:", page.Title);
    }

    [Fact]
    public async Task ChangingDetails_SavesThem()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var client = await app.SignedInAsync(DemoTrust.BusinessManager);
        var added = await client.PostFormAsync($"/o/{demo.School}/staff/add", Person("Edwina", "Changeling"));
        var url = added.Headers.Location!.OriginalString;

        var form = Person("Edwina", "Changeling");
        form["Input.Kind"] = "Governor";
        form["Input.JobTitle"] = "Chair of governors";
        var response = await client.PostFormAsync($"{url}/edit", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(url);
        Assert.Contains("Chair of governors", page.QuerySelector("#details")!.TextContent);
        Assert.Contains("Governor", page.QuerySelector(".govuk-caption-l")!.TextContent);
    }

    [Fact]
    public async Task TheSameEmailTwiceInASchool_IsRefused()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var client = await app.SignedInAsync(DemoTrust.BusinessManager);
        var response = await client.PostFormAsync($"/o/{demo.School}/staff/add", Person("Another", "Person", DemoTrust.Teacher.ToUpperInvariant()));
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Someone else here already has this email address", page.QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task PeopleWithoutManagePeople_CannotAddChangeOrInvite()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await DemoTrust.StaffAsync(app, DemoTrust.Headteacher);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        foreach (var url in new[] { "staff/add", $"staff/{head.Id}/edit", $"staff/{head.Id}/leaving", $"staff/{head.Id}/invite", $"staff/{head.Id}/roles" })
            Assert.Equal(HttpStatusCode.Forbidden, await PupilPageTests.FinalStatusAsync(teacher, $"/o/{demo.School}/{url}"));
        var volunteer = await app.SignedInAsync(DemoTrust.Volunteer);
        Assert.Equal(HttpStatusCode.Forbidden, await PupilPageTests.FinalStatusAsync(volunteer, $"/o/{demo.School}/staff"));
    }

    [Fact]
    public async Task AnotherSchoolsStaff_AreNotFound()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var theirs = await DemoTrust.StaffAsync(app, DemoTrust.OtherHeadteacher);
        var client = await app.SignedInAsync(DemoTrust.Headteacher);
        foreach (var url in new[] { "", "/edit", "/leaving", "/invite", "/roles" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{demo.School}/staff/{theirs.Id}{url}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{demo.OtherSchool}/staff/{theirs.Id}{url}")).StatusCode);
        }
        await using var db = app.Db.System();
        var roleId = (await db.RoleAssignments.FirstAsync(r => r.StaffMemberId == theirs.Id, Ct)).Id;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{demo.School}/staff/{theirs.Id}/roles/{roleId}/remove")).StatusCode);
    }

    [Fact]
    public async Task TheTrustsStaffPage_ListsTheCentralTeam()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var leader = await DemoTrust.StaffAsync(app, DemoTrust.TrustLeader);
        var client = await app.SignedInAsync(DemoTrust.TrustLeader);
        var page = await client.GetPageAsync($"/o/{demo.Trust}/staff");
        Assert.Equal("Central team", page.QuerySelector("h1")!.TextContent);
        Assert.Contains(leader.FullName, page.QuerySelector("#staff")!.TextContent);
        Assert.DoesNotContain((await DemoTrust.StaffAsync(app, DemoTrust.Teacher)).FullName, page.QuerySelector("#staff")!.TextContent);
    }
}
