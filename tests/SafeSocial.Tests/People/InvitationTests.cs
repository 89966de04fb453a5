using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Demo;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.People;

public partial class InvitationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string GoodPassword = "kettle orbit tulip";

    private async Task<StaffMember> NewStaffAsync(Guid orgId, string email, params Role[] roles)
    {
        await using var db = app.Db.System();
        var staff = new StaffMember { Id = Guid.NewGuid(), OrganisationId = orgId, FirstName = "Nia", LastName = "Newcomer", Email = email };
        db.StaffMembers.Add(staff);
        foreach (var role in roles) db.RoleAssignments.Add(new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = orgId, StaffMemberId = staff.Id, Role = role });
        await db.SaveChangesAsync(Ct);
        return staff;
    }

    /// <summary>Invites through the staff page as the headteacher, then reads the link from the mail folder.</summary>
    private async Task<string> InviteAsync(Guid orgId, StaffMember staff, string inviter = DemoTrust.Headteacher)
    {
        var head = await app.SignedInAsync(inviter);
        var response = await head.PostFormAsync($"/o/{orgId}/staff/{staff.Id}/invite", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = app.Services.GetRequiredService<FolderMailSender>().Read().First(m => m.To == staff.Email);
        Assert.Contains("Dear Nia Newcomer", mail.Body);
        return new Uri(InvitationLink().Match(mail.Body).Value).PathAndQuery;
    }

    private static Dictionary<string, string> Passwords(string password, string? confirm = null) =>
        new() { ["Password"] = password, ["ConfirmPassword"] = confirm ?? password };

    [Fact]
    public async Task HappyPath_InvitationEmail_SetsAPassword_SignsIn_AndWorksOnlyOnce()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.School, "nia.happy@school.example", Role.Teacher);
        var started = TimeProvider.System.GetUtcNow();
        var link = await InviteAsync(demo.School, staff);

        await using var db = app.Db.System();
        var invitation = await db.StaffInvitations.SingleAsync(i => i.StaffMemberId == staff.Id, Ct);
        var token = link["/invitation/".Length..];
        Assert.Equal(43, token.Length);
        Assert.Equal(InvitationService.Hash(token), invitation.TokenHash);
        Assert.InRange(invitation.ExpiresAt, started.AddDays(7).AddMinutes(-1), started.AddDays(7).AddMinutes(1));
        Assert.DoesNotContain(token, await db.AuditEntries.Select(a => a.Changes ?? "").ToListAsync(Ct));

        var visitor = app.Anonymous();
        var page = await visitor.GetPageAsync(link);
        Assert.Contains("invited Nia Newcomer", page.QuerySelector("#invitation-for")!.TextContent);
        Assert.Equal("no-referrer", (await visitor.GetAsync(link)).Headers.GetValues("Referrer-Policy").Single());

        var accepted = await visitor.PostFormAsync(link, Passwords(GoodPassword));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var home = await visitor.GetAsync("/");
        Assert.Equal($"/o/{demo.School}", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/o/{demo.School}/pupils")).StatusCode);

        await using var after = app.Db.System();
        var linked = await after.StaffMembers.SingleAsync(s => s.Id == staff.Id, Ct);
        Assert.NotNull(linked.UserId);
        Assert.NotNull((await after.StaffInvitations.SingleAsync(i => i.Id == invitation.Id, Ct)).AcceptedAt);
        var entry = await after.AuditEntries.SingleAsync(a => a.EntityType == "StaffMember" && a.EntityId == staff.Id.ToString() && a.Action == "Modified", Ct);
        Assert.Equal((linked.UserId, "Nia Newcomer"), (entry.ActorUserId, entry.ActorName));
        var staffPage = await (await app.SignedInAsync(DemoTrust.Headteacher)).GetPageAsync($"/o/{demo.School}/staff/{staff.Id}");
        Assert.Contains("Active", staffPage.QuerySelector("#sign-in-status")!.TextContent);

        var again = await app.Anonymous().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("already been used", (await TestClient.ParseAsync(again)).QuerySelector("h1")!.TextContent);
        var secondUse = app.Anonymous();
        var token2 = (await TestClient.ParseAsync(await secondUse.GetAsync("/sign-in"))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var replay = await secondUse.PostWithTokenAsync(link, token2, Passwords("another good passphrase"));
        Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);
        Assert.Equal(1, await after.Users.CountAsync(u => u.Email == "nia.happy@school.example", Ct));
    }

    [Fact]
    public async Task SomeoneWhoseRoleNeedsTwoFactor_IsSentToSetItUp()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.School, "nia.dsl@school.example", Role.DeputyDesignatedSafeguardingLead);
        var link = await InviteAsync(demo.School, staff);
        var visitor = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostFormAsync(link, Passwords(GoodPassword))).StatusCode);

        var school = await visitor.GetAsync($"/o/{demo.School}");
        Assert.Equal("/account/two-factor", school.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task BadPasswords_SaySoPlainly_AndCreateNothing()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.School, "nia.typo@school.example");
        var link = await InviteAsync(demo.School, staff);
        var visitor = app.Anonymous();

        async Task<string> ErrorsAsync(Dictionary<string, string> fields) =>
            (await TestClient.ParseAsync(await visitor.PostFormAsync(link, fields))).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("Enter a password", await ErrorsAsync(Passwords("")));
        Assert.Contains("Your password must be 12 characters or more", await ErrorsAsync(Passwords("short one")));
        Assert.Contains("The passwords do not match", await ErrorsAsync(Passwords(GoodPassword, GoodPassword + "x")));
        Assert.Contains("harder to guess", await ErrorsAsync(Passwords("password1234")));

        await using var db = app.Db.System();
        Assert.Null((await db.StaffMembers.SingleAsync(s => s.Id == staff.Id, Ct)).UserId);
        Assert.False(await db.Users.AnyAsync(u => u.Email == staff.Email, Ct));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task AnExpiredLink_SaysSo_AndTellsThemToAskAgain()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.School, "nia.late@school.example");
        var link = await InviteAsync(demo.School, staff);
        await using (var db = app.Db.System())
        {
            var invitation = await db.StaffInvitations.SingleAsync(i => i.StaffMemberId == staff.Id, Ct);
            invitation.ExpiresAt = TimeProvider.System.GetUtcNow().AddMinutes(-1);
            await db.SaveChangesAsync(Ct);
        }
        var visitor = app.Anonymous();
        var response = await visitor.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("This invitation has expired", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("send you a new invitation", page.QuerySelector("#invitation-advice")!.TextContent);
        Assert.Null(page.QuerySelector("input[name=Password]"));
    }

    [Fact]
    public async Task ReInviting_ReplacesTheEarlierLink()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.School, "nia.twice@school.example");
        var first = await InviteAsync(demo.School, staff);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        Assert.Contains("Invited", (await head.GetPageAsync($"/o/{demo.School}/staff/{staff.Id}")).QuerySelector("#sign-in-status")!.TextContent);
        var second = await InviteAsync(demo.School, staff);
        Assert.NotEqual(first, second);

        var old = await app.Anonymous().GetAsync(first);
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Contains("replaced", (await TestClient.ParseAsync(old)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownLink_IsNotFound_AndSaysWhatToDo()
    {
        var response = await app.Anonymous().GetAsync("/invitation/not-a-real-token");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("This invitation link is not valid", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task TheSchoolsPolicy_SetsHowLongAnInvitationWorks()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using (var db = app.Db.System())
        {
            db.PolicySettings.Add(new PolicySettings { Id = Guid.NewGuid(), OrganisationId = demo.OtherSchool, InvitationValidDays = 3 });
            await db.SaveChangesAsync(Ct);
        }
        var staff = await NewStaffAsync(demo.OtherSchool, "nia.short@school.example");
        var started = TimeProvider.System.GetUtcNow();
        await InviteAsync(demo.OtherSchool, staff, DemoTrust.OtherHeadteacher);
        await using var read = app.Db.System();
        var invitation = await read.StaffInvitations.SingleAsync(i => i.StaffMemberId == staff.Id, Ct);
        Assert.InRange(invitation.ExpiresAt, started.AddDays(3).AddMinutes(-1), started.AddDays(3).AddMinutes(1));
    }

    [Fact]
    public async Task SomeoneWhoAlreadySignsIn_AddsTheSchoolWithTheirOwnPassword()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var staff = await NewStaffAsync(demo.OtherSchool, DemoTrust.Teacher, Role.Teacher);
        var link = await InviteAsync(demo.OtherSchool, staff, DemoTrust.OtherHeadteacher);
        var visitor = app.Anonymous();
        var page = await visitor.GetPageAsync(link);
        Assert.Contains("You already have a SafeSocial account", page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("input[name=ConfirmPassword]"));

        var wrong = await TestClient.ParseAsync(await visitor.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "not my password at all" }));
        Assert.Contains("Enter the password you already use", wrong.QuerySelector(".govuk-error-summary")!.TextContent);
        var right = await visitor.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/o/{demo.OtherSchool}/pupils")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/o/{demo.School}/pupils")).StatusCode);
    }

    [Fact]
    public async Task NobodyWithoutAnEmailOrWhoHasLeft_CanBeInvited()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var noEmail = await NewStaffAsync(demo.School, "");
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var page = await head.GetPageAsync($"/o/{demo.School}/staff/{noEmail.Id}/invite");
        Assert.Contains("There is no email address", page.QuerySelector("main")!.TextContent);

        var leaver = await NewStaffAsync(demo.School, "nia.gone@school.example");
        await using (var db = app.Db.System())
        {
            (await db.StaffMembers.SingleAsync(s => s.Id == leaver.Id, Ct)).LeavingDate = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(Ct);
        }
        var refused = await TestClient.ParseAsync(await head.PostFormAsync($"/o/{demo.School}/staff/{leaver.Id}/invite", []));
        Assert.Contains("has left, so cannot be invited", refused.QuerySelector(".govuk-error-summary")!.TextContent);
    }

    [GeneratedRegex(@"http://localhost/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();
}
