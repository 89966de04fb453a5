using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;
using SafeSocial.Core.Takedowns;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Web;

/// <summary>
/// "Needs your attention" on the demo trust, kind by kind: each item reaches the person it waits for, links to where
/// to act, and is not shown to colleagues it does not concern nor to another school's people.
/// </summary>
public class PersonalAttentionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string HeadOfComms = "head-of-communications@demo.safesocial.test";
    private const string ESafety = "e-safety-coordinator@demo.safesocial.test";
    private const string Deputy = "deputy-designated-safeguarding-lead@demo.safesocial.test";
    private const string OtherTeacher = "teacher.second-school@demo.safesocial.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Item(string Text, string? Href);

    private async Task<List<Item>> ItemsAsync(string email, Guid orgId) => await ItemsAsync(await app.SignedInAsync(email), orgId);

    private static async Task<List<Item>> ItemsAsync(TestClient client, Guid orgId) =>
        (await client.GetPageAsync($"/o/{orgId}")).QuerySelectorAll("#attention li")
            .Select(li => new Item(string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), li.QuerySelector("a")?.GetAttribute("href"))).ToList();

    private static bool Mentions(IEnumerable<Item> items, string text) => items.Any(i => i.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task AnAccountRequest_WaitsOnTheHomePageOfWhoeverItsStepNeeds_NeverTheRequesterNorWhoApprovedAStep()
    {
        var demo = await DemoTrust.LoadAsync(app);
        Guid requestId;
        await using (var db = app.Db.System())
            requestId = await db.OfficialAccounts.Where(a => a.Handle == "Alpha Primary PTA news").Select(a => a.Id).SingleAsync(Ct);
        const string pta = "\"Alpha Primary PTA news\"";
        var url = $"/o/{demo.School}/accounts/{requestId}";

        // The headteacher's step comes first: it waits for her, linked to the request, and for no one else.
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var mine = (await ItemsAsync(head, demo.School)).Single(i => i.Text.Contains(pta, StringComparison.Ordinal));
        Assert.Contains("Waiting for you", mine.Text);
        Assert.Equal(url, mine.Href);
        foreach (var (who, org) in new[] { (HeadOfComms, demo.School), (HeadOfComms, demo.Trust), (DemoTrust.Teacher, demo.School),
                     (DemoTrust.Governor, demo.School), (ESafety, demo.School), (DemoTrust.OtherHeadteacher, demo.OtherSchool) })
            Assert.False(Mentions(await ItemsAsync(who, org), pta), $"{who} was shown the request at {org}");

        // Once she approves, it waits for the head of communications, on the school's and the trust's home pages.
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(url, [new("Reason", "")], url + "?handler=Approve")).StatusCode);
        Assert.False(Mentions(await ItemsAsync(head, demo.School), pta));
        var comms = await app.SignedInAsync(HeadOfComms);
        Assert.Equal(url, (await ItemsAsync(comms, demo.School)).Single(i => i.Text.Contains(pta, StringComparison.Ordinal)).Href);
        Assert.True(Mentions(await ItemsAsync(comms, demo.Trust), pta));

        // Someone who approved a step is not asked for the next one, even holding its role too.
        Guid assignment;
        await using (var db = app.Db.System())
        {
            var headStaff = await db.StaffMembers.SingleAsync(s => s.Email == DemoTrust.Headteacher, Ct);
            var role = new RoleAssignment { Id = Guid.NewGuid(), OrganisationId = demo.Trust, StaffMemberId = headStaff.Id, Role = Role.HeadOfCommunications };
            db.RoleAssignments.Add(role);
            await db.SaveChangesAsync(Ct);
            assignment = role.Id;
        }
        try
        {
            Assert.False(Mentions(await ItemsAsync(head, demo.School), pta));

            // Nor is anyone asked to approve their own request.
            var request = await head.PostFormAsync($"/o/{demo.School}/accounts/request", AccountForm("HeadsOwnRequest"));
            Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
            Assert.False(Mentions(await ItemsAsync(head, demo.School), "\"HeadsOwnRequest\""));
        }
        finally
        {
            await using var db = app.Db.System();
            await db.RoleAssignments.Where(r => r.Id == assignment).ExecuteDeleteAsync(Ct);
            AccessChanges.Happened();
        }
    }

    private static Dictionary<string, string> AccountForm(string handle) => new()
    {
        ["Input.Platform"] = "Instagram", ["Input.Handle"] = handle, ["Input.Purpose"] = "Celebrate pupils' work",
        ["Input.IntendedOutcomes"] = "Families see learning", ["Input.Audience"] = "Parents", ["Input.StaffMayContribute"] = "true",
        ["Input.ExpectedEngagement"] = "Weekly", ["Input.StaffTime"] = "An hour a week", ["Input.Evaluation"] = "Termly review",
        ["Input.Hazards"] = "Identifiable pupils", ["Input.Controls"] = "Consent check", ["Input.AssessedBy"] = "The headteacher",
        ["AssessedOn.Day"] = "1", ["AssessedOn.Month"] = "9", ["AssessedOn.Year"] = "2025",
        ["NextReviewOn.Day"] = "1", ["NextReviewOn.Month"] = "9", ["NextReviewOn.Year"] = "2030", ["Input.OfficialEmail"] = "office@demo.safesocial.test",
    };

    [Fact]
    public async Task AnAdminRequest_WaitsForWhoeverMayDecideItsStep_NeverTheAskerThePersonProposedNorWhoApproved()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var asker = await DemoTrust.StaffAsync(app, ESafety);
        var teacher = await DemoTrust.StaffAsync(app, DemoTrust.Teacher);
        var headStaff = await DemoTrust.StaffAsync(app, DemoTrust.Headteacher);
        Guid accountId;
        AdminRequest forTeacher, forHead;
        await using (var db = app.Db.System())
        {
            accountId = await db.OfficialAccounts.Where(a => a.Handle == "@alpha.music").Select(a => a.Id).SingleAsync(Ct);
            AdminRequest Ask(StaffMember who) => new()
            {
                Id = Guid.NewGuid(), OrganisationId = demo.School, OfficialAccountId = accountId, StaffMemberId = who.Id, Status = AdminRequestStatus.Waiting,
                RequestedAt = TimeProvider.System.GetUtcNow(), RequestedBy = asker.FullName, RequestedByUserId = asker.UserId,
            };
            (forTeacher, forHead) = (Ask(teacher), Ask(headStaff));
            db.AdminRequests.AddRange(forTeacher, forHead);
            await db.SaveChangesAsync(Ct);
        }
        var url = $"/o/{demo.School}/accounts/{accountId}/admins/requests/{forTeacher.Id}";
        string AsAdmin(StaffMember who) => $"Approve or refuse {who.FullName} as an admin";
        try
        {
            // The headteacher's step comes first: the request for the teacher waits for her, linked to where she decides it;
            // the one proposing her does not, as another headteacher must decide about her.
            var head = await app.SignedInAsync(DemoTrust.Headteacher);
            var items = await ItemsAsync(head, demo.School);
            var mine = items.Single(i => i.Text.Contains(AsAdmin(teacher), StringComparison.Ordinal));
            Assert.Contains("\"@alpha.music\"", mine.Text);
            Assert.Equal(url, mine.Href);
            Assert.False(Mentions(items, AsAdmin(headStaff)));

            // Not the person who asked, nor the person proposed, nor another school's headteacher.
            foreach (var (who, org) in new[] { (ESafety, demo.School), (DemoTrust.Teacher, demo.School), (HeadOfComms, demo.School), (DemoTrust.OtherHeadteacher, demo.OtherSchool) })
                Assert.False(Mentions(await ItemsAsync(who, org), AsAdmin(teacher)), $"{who} was shown the admin request at {org}");

            // Once she approves, it leaves her page and waits for the head of communications.
            Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync(url, [new("Reason", "")], url + "?handler=Approve")).StatusCode);
            Assert.False(Mentions(await ItemsAsync(head, demo.School), AsAdmin(teacher)));
            Assert.Equal(url, (await ItemsAsync(HeadOfComms, demo.School)).Single(i => i.Text.Contains(AsAdmin(teacher), StringComparison.Ordinal)).Href);
        }
        finally
        {
            await using var db = app.Db.System();
            await db.AdminRequests.Where(r => r.Id == forTeacher.Id || r.Id == forHead.Id).ExecuteDeleteAsync(Ct);
        }
    }

    [Fact]
    public async Task ARolePermissionRequest_WaitsForASecondPersonWhoGivesRoles_NeverTheAskerNorAnotherSchool()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostFormAsync($"/o/{demo.School}/roles/teacher",
            [new("Choices[RevealCredentials]", "Grant"), new("Reason", "Teachers run the class accounts")])).StatusCode);
        var asked = $"\"{Permission.RevealCredentials.Title()}\" for teacher";
        try
        {
            // The trust's leader gives roles in the school and is not a teacher: it waits for them, linked to the roles page.
            var leader = await app.SignedInAsync(DemoTrust.TrustLeader);
            var theirs = (await ItemsAsync(leader, demo.School)).Single(i => i.Text.Contains(asked, StringComparison.Ordinal));
            Assert.Contains("Waiting for you", theirs.Text);
            Assert.Equal($"/o/{demo.School}/roles", theirs.Href);
            Assert.True(Mentions(await ItemsAsync(leader, demo.Trust), asked));

            // Not the headteacher who asked, not those who cannot give roles, not another school's headteacher.
            foreach (var (who, org) in new[] { (DemoTrust.Headteacher, demo.School), (DemoTrust.Teacher, demo.School), (HeadOfComms, demo.School), (DemoTrust.OtherHeadteacher, demo.OtherSchool) })
                Assert.False(Mentions(await ItemsAsync(who, org), asked), $"{who} was asked to confirm at {org}");
        }
        finally
        {
            await using var db = app.Db.System();
            await db.RolePermissionRequests.Where(r => r.OrganisationId == demo.School && r.Role == Role.Teacher).ExecuteDeleteAsync(Ct);
        }
    }

    [Fact]
    public async Task Takedowns_ReachTheirOwner_AndTheOverdueOnesWhoeverManagesThemAtTheSchool()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var today = UkTime.Today(TimeProvider.System);
        TakedownTask overdue, open;
        await using (var db = app.Db.System())
        {
            var tasks = await db.TakedownTasks.Where(t => t.OrganisationId == demo.School && t.Status == TakedownStatus.Open).OrderBy(t => t.OpenedAt).Take(2).ToListAsync(Ct);
            Assert.Equal(2, tasks.Count);
            (overdue, open) = (tasks[0], tasks[1]);
            overdue.OwnerStaffMemberId = (await db.StaffMembers.SingleAsync(s => s.Email == HeadOfComms, Ct)).Id;
            overdue.DueOn = today.AddDays(-3);
            open.OwnerStaffMemberId = (await db.StaffMembers.SingleAsync(s => s.Email == DemoTrust.Headteacher, Ct)).Id;
            open.DueOn = today.AddDays(4);
            await db.SaveChangesAsync(Ct);
        }

        // The headteacher owns one, due soon; the other is overdue and hers to see as she manages the school's takedowns.
        var head = await ItemsAsync(DemoTrust.Headteacher, demo.School);
        Assert.Equal($"/o/{demo.School}/takedowns/{open.Id}", head.Single(i => i.Text.Contains(open.WhatToTakeDown, StringComparison.Ordinal)).Href);
        Assert.False(Mentions(head, overdue.WhatToTakeDown));
        Assert.Equal($"/o/{demo.School}/takedowns", head.Single(i => i.Text.Contains("1 takedown is overdue", StringComparison.Ordinal)).Href);

        // The head of communications owns the overdue one, on the school's home and the trust's.
        var comms = await ItemsAsync(HeadOfComms, demo.School);
        var owned = comms.Single(i => i.Text.Contains(overdue.WhatToTakeDown, StringComparison.Ordinal));
        Assert.Contains("Overdue", owned.Text);
        Assert.Equal($"/o/{demo.School}/takedowns/{overdue.Id}", owned.Href);
        Assert.False(Mentions(comms, open.WhatToTakeDown));
        Assert.True(Mentions(await ItemsAsync(HeadOfComms, demo.Trust), overdue.WhatToTakeDown));

        // A teacher neither owns nor manages takedowns; another school's headteacher sees only their own school's.
        Assert.False(Mentions(await ItemsAsync(DemoTrust.Teacher, demo.School), "takedown"));
        var other = await ItemsAsync(DemoTrust.OtherHeadteacher, demo.OtherSchool);
        Assert.False(Mentions(other, overdue.WhatToTakeDown) || Mentions(other, open.WhatToTakeDown));
        Assert.DoesNotContain(other, i => i.Href?.Contains(demo.School.ToString(), StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AnAccountAdmin_IsToldTheirOwnTrainingIsExpiringOrExpired()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var teacher = await DemoTrust.StaffAsync(app, DemoTrust.Teacher);

        // The demo teacher runs @alpha.primary with training that ends in 20 days; the deputy DSL runs @alpha.sport on lapsed training.
        var expiring = (await ItemsAsync(DemoTrust.Teacher, demo.School)).Single(i => i.Text.Contains("Your official account training expires on", StringComparison.Ordinal));
        Assert.Contains("@alpha.primary", expiring.Text);
        Assert.Equal($"/o/{demo.School}/staff/{teacher.Id}/training", expiring.Href);
        var expired = (await ItemsAsync(Deputy, demo.School)).Single(i => i.Text.Contains("Your official account training expired on", StringComparison.Ordinal));
        Assert.Contains("@alpha.sport", expired.Text);

        // Whose training has months to run, who runs no account, and another school's people are not told.
        foreach (var (who, org) in new[] { (ESafety, demo.School), (DemoTrust.Governor, demo.School), (DemoTrust.Headteacher, demo.School), (OtherTeacher, demo.OtherSchool) })
            Assert.False(Mentions(await ItemsAsync(who, org), "Your official account training"), $"{who} was told about training");
    }

    [Fact]
    public async Task ATeacher_IsToldOfTheConsentGapsInTheClassesTheyTeach()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var teacher = await DemoTrust.StaffAsync(app, DemoTrust.Teacher);
        SchoolClass cls;
        await using (var db = app.Db.System())
        {
            cls = await db.ClassTeachers.Where(t => t.StaffMemberId == teacher.Id).Select(t => t.SchoolClass!).SingleAsync(Ct);
            // A new pupil whose family has not answered yet.
            var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = demo.School, LegalFirstName = "Nia", LegalLastName = "Newcomer", ClassId = cls.Id, YearGroup = cls.YearGroup };
            pupil.RefreshSearchName();
            db.Pupils.Add(pupil);
            await db.SaveChangesAsync(Ct);
        }

        var gap = (await ItemsAsync(DemoTrust.Teacher, demo.School)).Single(i => i.Text.StartsWith($"{cls.Name}:", StringComparison.Ordinal) || i.Text.Contains($" {cls.Name}:", StringComparison.Ordinal));
        Assert.Contains("may not appear in any photo or video", gap.Text);
        Assert.Contains("not answered", gap.Text);
        Assert.Equal($"/o/{demo.School}/consent/classes/{cls.Id}", gap.Href);

        // Colleagues who do not teach it, and another school's teacher, are not told.
        foreach (var (who, org) in new[] { (DemoTrust.Headteacher, demo.School), (DemoTrust.Governor, demo.School), (OtherTeacher, demo.OtherSchool) })
            Assert.DoesNotContain(await ItemsAsync(who, org), i => i.Href?.EndsWith($"/consent/classes/{cls.Id}", StringComparison.Ordinal) == true);
    }
}
