using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Policy;
using SafeSocial.Core.Takedowns;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;
using SafeSocial.Web.Mail;
using SafeSocial.Web.Takedowns;
using Microsoft.Extensions.DependencyInjection;

namespace SafeSocial.Tests.Consent.Takedowns;

/// <summary>The takedown pages on the demo trust: the list, one task, the pupil page's section, and the navigation.</summary>
public class TakedownPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string HeadOfComms = "head-of-communications@demo.safesocial.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A parent of a pupil nobody has asked about gives website consent, then withdraws it: a new open takedown.</summary>
    private async Task<TakedownTask> NewTakedownAsync(Guid schoolId)
    {
        await using var db = app.Db.System();
        var family = await db.PupilParents
            .Where(l => l.OrganisationId == schoolId && l.HasParentalResponsibility && !db.ConsentRecords.Any(r => r.PupilId == l.PupilId))
            .OrderByDescending(l => l.PupilId).Select(l => new { l.PupilId, l.ParentId }).FirstAsync(Ct);
        var policy = await new ConsentPolicyService(db, new PolicySettingsService(db)).ForAsync(schoolId, Ct);
        var register = new ConsentRegister(db, TimeProvider.System);
        var office = new ConsentProvenance(ConsentSource.PaperForm, "Office");
        var today = UkTime.Today(TimeProvider.System);
        foreach (var (decision, on) in new[] { (ConsentDecision.Given, today.AddDays(-20)), (ConsentDecision.Withdrawn, today) })
            Assert.True((await register.RecordAsync(schoolId, family.PupilId, ConsentPurpose.SchoolWebsite, decision, ConsentDecider.ByParent(family.ParentId), office, policy, on, Ct)).Succeeded);
        return await db.TakedownTasks.SingleAsync(t => t.PupilId == family.PupilId, Ct);
    }

    private async Task<TakedownTask> TaskAsync(Guid id)
    {
        await using var db = app.Db.System();
        return await db.TakedownTasks.SingleAsync(t => t.Id == id, Ct);
    }

    private static List<string> Statuses(IHtmlDocument page) =>
        page.QuerySelectorAll("#takedowns tbody tr td:last-child").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task TheList_ShowsOpenTakedownsFirst_WithOverdueOnesSaidInWords()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var page = await (await app.SignedInAsync(DemoTrust.Headteacher)).GetPageAsync($"/o/{demo.School}/takedowns");

        var statuses = Statuses(page);
        Assert.Equal("Overdue", statuses[0]);
        Assert.Contains("Done", statuses);
        Assert.True(statuses.IndexOf("Done") > statuses.LastIndexOf("Open"), "closed takedowns come after open ones");
        var overdueRow = page.QuerySelector("#takedowns tbody tr")!;
        Assert.Contains("days overdue", overdueRow.TextContent);
        Assert.Contains("Remove images of", overdueRow.QuerySelector("a")!.TextContent);
        Assert.Contains("overdue", page.QuerySelector("#takedown-counts")!.TextContent);

        var done = await (await app.SignedInAsync(DemoTrust.Headteacher)).GetPageAsync($"/o/{demo.School}/takedowns?status=done");
        Assert.All(Statuses(done), s => Assert.Equal("Done", s));
        Assert.NotEmpty(Statuses(done));
        var open = await (await app.SignedInAsync(DemoTrust.Headteacher)).GetPageAsync($"/o/{demo.School}/takedowns?status=open");
        Assert.DoesNotContain("Done", Statuses(open));
        Assert.Equal("open", open.QuerySelector("#Status option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task MarkingDone_ClosesTheTakedown_AndTheAuditTrailSaysWhoAndWhy()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var task = await NewTakedownAsync(demo.School);
        var client = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/takedowns/{task.Id}";

        var response = await client.PostFormAsync(url, [new("Note", "Removed the class photo from the news page")], $"{url}?handler=Done");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(url);
        Assert.Equal("The takedown is marked as done", page.QuerySelector("#success-message")!.TextContent.Trim());
        Assert.Equal("Done", page.QuerySelector("#status .govuk-tag")!.TextContent.Trim());
        Assert.Equal("Removed the class photo from the news page", page.QuerySelector("#closed-note")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("form[action*=handler]"));

        var head = await DemoTrust.StaffAsync(app, DemoTrust.Headteacher);
        var closed = await TaskAsync(task.Id);
        Assert.Equal((TakedownStatus.Done, head.FullName), (closed.Status, closed.ClosedBy));
        await using var db = app.Db.System();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "TakedownTask" && a.EntityId == task.Id.ToString() && a.Action == "Modified", Ct);
        Assert.Equal("Takedown done: Removed the class photo from the news page", entry.Reason);
        Assert.Equal(head.FullName, entry.ActorName);
    }

    [Fact]
    public async Task CannotBeDone_WithoutAReason_ShowsAGovUkError_AndKeepsItOpen()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var task = await NewTakedownAsync(demo.School);
        var client = await app.SignedInAsync(HeadOfComms);
        var url = $"/o/{demo.School}/takedowns/{task.Id}";

        var refused = await client.PostFormAsync(url, [new("UnableReason", " "), new("Note", "kept")], $"{url}?handler=Unable");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await TestClient.ParseAsync(refused);
        Assert.StartsWith("Error: ", page.Title);
        var summary = page.QuerySelector(".govuk-error-summary a")!;
        Assert.Equal("Enter why the images cannot be taken down", summary.TextContent.Trim());
        Assert.Equal("#UnableReason", summary.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#UnableReason.govuk-textarea--error"));
        Assert.Equal(TakedownStatus.Open, (await TaskAsync(task.Id)).Status);

        var response = await client.PostFormAsync(url, [new("UnableReason", "The local paper printed it")], $"{url}?handler=Unable");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((TakedownStatus.Unable, "The local paper printed it"), ((await TaskAsync(task.Id)).Status, (await TaskAsync(task.Id)).ClosedNote));
    }

    [Fact]
    public async Task TheOwner_CanBeChanged_ToSomeoneWhoMayTakeDownImages()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var task = await NewTakedownAsync(demo.School);
        var head = await DemoTrust.StaffAsync(app, DemoTrust.Headteacher);
        var teacher = await DemoTrust.StaffAsync(app, DemoTrust.Teacher);
        var client = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/takedowns/{task.Id}";

        var page = await client.GetPageAsync(url);
        var options = page.QuerySelectorAll("#OwnerId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(head.Id.ToString(), options);
        Assert.DoesNotContain(teacher.Id.ToString(), options);

        var wrong = await client.PostFormAsync(url, [new("OwnerId", teacher.Id.ToString())], $"{url}?handler=Owner");
        Assert.Equal("Choose who will own this takedown", (await TestClient.ParseAsync(wrong)).QuerySelector(".govuk-error-summary a")!.TextContent.Trim());
        var response = await client.PostFormAsync(url, [new("OwnerId", head.Id.ToString())], $"{url}?handler=Owner");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(head.FullName, (await client.GetPageAsync(url)).QuerySelector("#owner")!.TextContent.Trim());
        Assert.Equal(head.Id, (await TaskAsync(task.Id)).OwnerStaffMemberId);
    }

    [Fact]
    public async Task AnotherSchoolsTakedown_IsNotFound_ToRead_OrToClose()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var theirs = await NewTakedownAsync(demo.OtherSchool);
        var ours = await NewTakedownAsync(demo.School);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);

        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/o/{demo.School}/takedowns/{theirs.Id}")).StatusCode);
        var token = (await head.GetPageAsync($"/o/{demo.School}/takedowns/{ours.Id}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await head.PostWithTokenAsync($"/o/{demo.School}/takedowns/{theirs.Id}?handler=Done", token, []);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(TakedownStatus.Open, (await TaskAsync(theirs.Id)).Status);

        var otherHead = await app.SignedInAsync(DemoTrust.OtherHeadteacher);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHead.GetAsync($"/o/{demo.School}/takedowns/{ours.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherHead.GetAsync($"/o/{demo.OtherSchool}/takedowns/{theirs.Id}")).StatusCode);
    }

    [Fact]
    public async Task ThePupilPage_ListsThePupilsTakedowns_LinkedForThoseWhoManageThem()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var task = await NewTakedownAsync(demo.School);
        var url = $"/o/{demo.School}/pupils/{task.PupilId}";

        var teacherView = await (await app.SignedInAsync(DemoTrust.Teacher)).GetPageAsync(url);
        var row = Assert.Single(teacherView.QuerySelectorAll("#pupil-takedowns tbody tr"));
        Assert.Contains(task.WhatToTakeDown, row.TextContent);
        Assert.Contains(UkTime.Format(task.DueOn), row.TextContent);
        Assert.Contains("Open", row.TextContent);
        Assert.Null(row.QuerySelector("a"));

        var headView = await (await app.SignedInAsync(DemoTrust.Headteacher)).GetPageAsync(url);
        Assert.Equal($"/o/{demo.School}/takedowns/{task.Id}", Assert.Single(headView.QuerySelectorAll("#pupil-takedowns tbody tr")).QuerySelector("a")!.GetAttribute("href"));

        // A pupil with none says so.
        await using var db = app.Db.System();
        var untouched = await db.Pupils.Where(p => p.OrganisationId == demo.School && !db.TakedownTasks.Any(t => t.PupilId == p.Id)).Select(p => p.Id).FirstAsync(Ct);
        Assert.NotNull((await (await app.SignedInAsync(DemoTrust.Teacher)).GetPageAsync($"/o/{demo.School}/pupils/{untouched}")).QuerySelector("#no-takedowns"));
    }

    [Fact]
    public async Task TheNavigation_CountsOverdueTakedowns_OnlyForThoseWhoManageThem()
    {
        var demo = await DemoTrust.LoadAsync(app);
        // Takedowns sit in the "Pupils and consent" group of the menu, shown once the group is open.
        var head = await (await app.SignedInAsync(DemoTrust.Headteacher)).GetPageAsync($"/o/{demo.School}/consent");
        var link = head.QuerySelectorAll("#section-navigation a").Single(a => a.GetAttribute("href") == $"/o/{demo.School}/takedowns");
        Assert.Matches(@"^Takedowns \(\d+ overdue\)$", link.TextContent.Trim());

        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.DoesNotContain((await teacher.GetPageAsync($"/o/{demo.School}/consent")).QuerySelectorAll(".govuk-service-navigation a"), a => a.TextContent.Contains("Takedowns"));
        var refused = await teacher.GetAsync($"/o/{demo.School}/takedowns");
        Assert.Equal((HttpStatusCode.Redirect, "/error/403"), (refused.StatusCode, refused.Headers.Location?.AbsolutePath));
    }

    [Fact]
    public async Task TheTrustsList_ShowsEachSchoolsTakedowns_LinkedToTheSchool()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var page = await (await app.SignedInAsync(DemoTrust.TrustLeader)).GetPageAsync($"/o/{demo.Trust}/takedowns");
        var links = page.QuerySelectorAll("#takedowns tbody tr a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(links, l => l.StartsWith($"/o/{demo.School}/takedowns/", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith($"/o/{demo.OtherSchool}/takedowns/", StringComparison.Ordinal));
        Assert.Contains("St Hilda's CE Primary School", page.QuerySelector("#takedowns")!.TextContent);
    }

    [Fact]
    public async Task TheDailyCheck_EmailsTheOwnerOfAnOverdueTakedown_OnceADay_WithItsLink()
    {
        var demo = await DemoTrust.LoadAsync(app);
        await using (var db = app.Db.System())
            Assert.True(await db.TakedownTasks.AnyAsync(t => t.OrganisationId == demo.School && t.Status == TakedownStatus.Open && t.LastRemindedAt == null, Ct));
        var overdue = (await (await app.SignedInAsync(DemoTrust.Headteacher)).GetPageAsync($"/o/{demo.School}/takedowns?status=open"))
            .QuerySelector("#takedowns tbody tr a")!.GetAttribute("href");
        var mailbox = app.Services.GetRequiredService<FolderMailSender>();
        var check = app.Services.GetRequiredService<TakedownCheck>();
        var today = UkTime.Today(TimeProvider.System);

        var report = await check.RunAsync(today, "https://safesocial.example/", Ct);
        Assert.Equal((1, 1, 0), (report.Reminded, report.EmailsSent, report.EmailsFailed));
        var mail = Assert.Single(mailbox.Read(), m => m.To == HeadOfComms);
        Assert.Equal("A takedown is overdue", mail.Subject);
        Assert.Contains($"https://safesocial.example{overdue}", mail.Body);
        Assert.Contains("Alder Brook Primary School", mail.Body);

        Assert.Equal(0, (await check.RunAsync(today, "https://safesocial.example/", Ct)).EmailsSent);
        Assert.Single(mailbox.Read(), m => m.To == HeadOfComms);
        await using var read = app.Db.System();
        Assert.Contains(await read.AuditEntries.Where(a => a.EntityType == "TakedownTask" && a.Action == "Modified").Select(a => a.ActorName).ToListAsync(Ct),
            name => name == TakedownCheck.ActorName);
    }
}
