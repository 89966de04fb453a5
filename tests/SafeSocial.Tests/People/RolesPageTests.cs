using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.People;

public class RolesPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Cell(AngleSharp.Html.Dom.IHtmlDocument page, string roleSlug, string permission) =>
        System.Text.RegularExpressions.Regex.Replace(page.QuerySelector($"#role-{roleSlug} td[data-permission={permission}]")!.TextContent.Trim(), @"\s+", " ");

    [Fact]
    public async Task AdjustingARolesPermission_ChangesWhatPeopleInThatRoleCanDo_AndResetRestoresIt()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using var db = app.Db.System();
        var pupil = await db.Pupils.FirstAsync(p => p.OrganisationId == demo.School, Ct);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/o/{demo.School}/pupils/{pupil.Id}")).StatusCode);
        Assert.Equal("Yes", Cell(await head.GetPageAsync($"/o/{demo.School}/roles"), "teacher", "ViewPupilDetails"));

        var saved = await head.PostFormAsync($"/o/{demo.School}/roles/teacher", [new("Choices[ViewPupilDetails]", "Revoke"), new("Reason", "Governors decided on 3 March")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await PupilPageTests.FinalStatusAsync(teacher, $"/o/{demo.School}/pupils/{pupil.Id}"));
        var table = await head.GetPageAsync($"/o/{demo.School}/roles");
        Assert.Equal("No School setting", Cell(table, "teacher", "ViewPupilDetails"));
        Assert.Equal("Yes", Cell(table, "teacher", "ViewPeople"));
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == "RolePermissionSetting" && a.OrganisationId == demo.School, Ct);
        Assert.Equal(("Added", "Governors decided on 3 March"), (audit.Action, audit.Reason));

        var form = await head.GetPageAsync($"/o/{demo.School}/roles/teacher");
        Assert.NotNull(form.QuerySelector("#ViewPupilDetails_Revoke[checked]"));
        Assert.Contains("SafeSocial's default: yes", form.QuerySelector("label[for=ViewPupilDetails]")!.TextContent);
        var reset = await head.PostFormAsync($"/o/{demo.School}/roles/teacher", [new("Choices[ViewPupilDetails]", "Inherit"), new("Reason", "Back to the default")]);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/o/{demo.School}/pupils/{pupil.Id}")).StatusCode);
        Assert.False(await db.RolePermissionSettings.AnyAsync(s => s.OrganisationId == demo.School, Ct));
    }

    [Fact]
    public async Task AChangeWithoutAReason_SaysWhatToFix()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var response = await head.PostFormAsync($"/o/{demo.School}/roles/volunteer", [new("Choices[ViewPeople]", "Grant"), new("Reason", "")]);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Enter why you are changing what this role can do", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.NotNull(page.QuerySelector("#ViewPeople_Grant[checked]"));
    }

    [Fact]
    public async Task TrustRoles_AreReadOnlyInASchool()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var table = await head.GetPageAsync($"/o/{demo.School}/roles");
        Assert.Null(table.QuerySelector("#role-trust-board a"));
        Assert.NotNull(table.QuerySelector("#role-governor a"));
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/o/{demo.School}/roles/trust-board")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/o/{demo.School}/roles/no-such-role")).StatusCode);
    }

    [Fact]
    public async Task TheTrust_CannotTakeGivingRolesAwayFromEveryone()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var leader = await app.SignedInAsync(DemoTrust.TrustLeader);
        var response = await leader.PostFormAsync($"/o/{demo.Trust}/roles/trust-executive-leadership", [new("Choices[ManageRoles]", "Revoke"), new("Reason", "Testing")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        var summary = page.QuerySelector(".govuk-error-summary")!;
        Assert.Contains("Nobody would be left who can give and remove roles at Kingfisher Learning Trust", summary.TextContent);
        Assert.Equal("#ManageRoles", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("input#ManageRoles"));
    }

    [Fact]
    public async Task PeopleWhoCannotGiveRoles_CannotSeeOrChangeThem()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.Equal(HttpStatusCode.Forbidden, await PupilPageTests.FinalStatusAsync(teacher, $"/o/{demo.School}/roles"));
        Assert.Equal(HttpStatusCode.Forbidden, await PupilPageTests.FinalStatusAsync(teacher, $"/o/{demo.School}/roles/teacher"));
        var otherHead = await app.SignedInAsync(DemoTrust.OtherHeadteacher);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHead.GetAsync($"/o/{demo.School}/roles")).StatusCode);
    }
}
