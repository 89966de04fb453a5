using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.People;

/// <summary>Nobody widens their own powers alone: not by changing a role they hold, nor their own roles, nor a sensitive permission unconfirmed.</summary>
public class SecondPersonTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string? Error(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector(".govuk-error-summary")?.TextContent;

    [Fact]
    public async Task AHeadteacher_CannotGiveHeadteachersThePowerToRevealPasswords()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        Assert.NotNull((await head.GetPageAsync($"/o/{demo.School}/roles/headteacher")).QuerySelector("#you-hold-it"));

        var response = await head.PostFormAsync($"/o/{demo.School}/roles/headteacher", [new("Choices[RevealCredentials]", "Grant"), new("Reason", "I need the passwords")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are headteacher yourself", Error(await TestClient.ParseAsync(response)));
        await using var db = app.Db.System();
        Assert.False(await db.RolePermissionSettings.AnyAsync(s => s.Role == Role.Headteacher, Ct));
        Assert.False(await db.RolePermissionRequests.AnyAsync(r => r.Role == Role.Headteacher, Ct));
    }

    [Fact]
    public async Task NobodyGivesThemselvesARole_OrTakesOneAway()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var me = await DemoTrust.StaffAsync(app, DemoTrust.Headteacher);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var roles = $"/o/{demo.School}/staff/{me.Id}/roles";

        var page = await head.GetPageAsync(roles);
        Assert.NotNull(page.QuerySelector("#own-roles"));
        Assert.Null(page.QuerySelector("input[name=Role]"));
        Assert.Null(page.QuerySelector("a[href$='/remove']"));

        var given = await head.PostFormAsync(roles, [new("Role", "ESafetyCoordinator"), new("Reason", "Covering")]);
        Assert.Contains("You cannot change your own roles", Error(await TestClient.ParseAsync(given)));
        await using var db = app.Db.System();
        Assert.False(await db.RoleAssignments.AnyAsync(r => r.StaffMemberId == me.Id && r.Role == Role.ESafetyCoordinator, Ct));

        var own = await db.RoleAssignments.FirstAsync(r => r.StaffMemberId == me.Id, Ct);
        var removed = await head.PostFormAsync($"{roles}/{own.Id}/remove", [new("Reason", "Stepping down")]);
        Assert.Contains("You cannot change your own roles", Error(await TestClient.ParseAsync(removed)));
        Assert.True(await db.RoleAssignments.AnyAsync(r => r.Id == own.Id, Ct));
    }

    [Fact]
    public async Task ASensitivePermission_WaitsUntilASecondPersonConfirmsIt_AndBothAreAudited()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var headName = (await DemoTrust.StaffAsync(app, DemoTrust.Headteacher)).FullName;
        var leaderName = (await DemoTrust.StaffAsync(app, DemoTrust.TrustLeader)).FullName;
        var head = await app.SignedInAsync(DemoTrust.Headteacher);

        var saved = await head.PostFormAsync($"/o/{demo.School}/roles/teacher",
            [new("Choices[RevealCredentials]", "Grant"), new("Choices[ViewAudit]", "Grant"), new("Reason", "Teachers run the class accounts")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = app.Db.System();
        // The ordinary permission applies now; the sensitive one waits.
        Assert.True(await db.RolePermissionSettings.AnyAsync(s => s.OrganisationId == demo.School && s.Role == Role.Teacher && s.Permission == Permission.ViewAudit, Ct));
        Assert.False(await db.RolePermissionSettings.AnyAsync(s => s.OrganisationId == demo.School && s.Role == Role.Teacher && s.Permission == Permission.RevealCredentials, Ct));

        var asked = await head.GetPageAsync($"/o/{demo.School}/roles");
        Assert.Contains("Waiting", asked.QuerySelector("#role-teacher td[data-permission=RevealCredentials]")!.TextContent);
        var row = asked.QuerySelector("#waiting-requests tbody tr")!;
        Assert.Contains(headName, row.TextContent);
        Assert.Null(row.QuerySelector("button[formaction$=Confirm]")); // the person who asked cannot confirm
        var requestId = row.GetAttribute("data-request")!;
        var selfConfirm = await head.PostFormAsync($"/o/{demo.School}/roles", [new("requestId", requestId)], $"/o/{demo.School}/roles?handler=Confirm");
        Assert.Contains("someone else who can give roles must confirm it", Error(await TestClient.ParseAsync(selfConfirm)));

        var leader = await app.SignedInAsync(DemoTrust.TrustLeader);
        var confirmed = await leader.PostFormAsync($"/o/{demo.School}/roles", [new("requestId", requestId)], $"/o/{demo.School}/roles?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var setting = await db.RolePermissionSettings.SingleAsync(s => s.OrganisationId == demo.School && s.Role == Role.Teacher && s.Permission == Permission.RevealCredentials, Ct);
        Assert.True(setting.Granted);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == "RolePermissionSetting" && a.EntityId == setting.Id.ToString(), Ct);
        Assert.Equal(leaderName, audit.ActorName);
        Assert.Contains($"asked by {headName}", audit.Reason);
        var request = await db.RolePermissionRequests.SingleAsync(r => r.Id == Guid.Parse(requestId), Ct);
        Assert.Equal((RequestState.Confirmed, headName, leaderName), (request.State, request.RequestedByName, request.DecidedByName));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "RolePermissionRequest" && a.Action == "Added" && a.ActorName == headName, Ct));
        Assert.Null((await head.GetPageAsync($"/o/{demo.School}/roles")).QuerySelector("#waiting-requests"));
    }

    [Fact]
    public async Task ARefusedRequest_ChangesNothing()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        await head.PostFormAsync($"/o/{demo.School}/roles/governor", [new("Choices[ViewSafeguardingConcerns]", "Grant"), new("Reason", "Safeguarding governor")]);
        await using var db = app.Db.System();
        var request = await db.RolePermissionRequests.SingleAsync(r => r.Role == Role.Governor && r.State == RequestState.Waiting, Ct);

        var leader = await app.SignedInAsync(DemoTrust.TrustLeader);
        var refused = await leader.PostFormAsync($"/o/{demo.School}/roles", [new("requestId", request.Id.ToString())], $"/o/{demo.School}/roles?handler=Refuse");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(RequestState.Refused, (await db.RolePermissionRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id, Ct)).State);
        Assert.False(await db.RolePermissionSettings.AnyAsync(s => s.Role == Role.Governor && s.Permission == Permission.ViewSafeguardingConcerns, Ct));
    }
}
