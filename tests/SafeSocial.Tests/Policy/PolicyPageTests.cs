using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Policy;

public class PolicyPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = UkTime.Today(TimeProvider.System);

    private async Task<Guid> SchoolAsync(string name)
    {
        await using var db = app.Db.System();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct);
    }

    private static List<KeyValuePair<string, string>> Answers(DateOnly written, DateOnly ratified, string ratifiedBy = "Governing body", string? other = null,
        string cycle = "settings", string? months = null, string notes = "Added Instagram to the approved sites") =>
    [
        new("Review", "false"),
        new("DateWritten.Day", written.Day.ToString()), new("DateWritten.Month", written.Month.ToString()), new("DateWritten.Year", written.Year.ToString()),
        new("RatifiedBy", ratifiedBy), new("RatifiedByOther", other ?? ""),
        new("RatifiedOn.Day", ratified.Day.ToString()), new("RatifiedOn.Month", ratified.Month.ToString()), new("RatifiedOn.Year", ratified.Year.ToString()),
        new("Cycle", cycle), new("CycleMonths", months ?? ""), new("Notes", notes),
    ];

    private static bool Refused(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/error/403", StringComparison.Ordinal));

    [Fact]
    public async Task Governor_ReadsThePolicy_ButCannotRecordAVersion()
    {
        var schoolId = await SchoolAsync("Alder Brook Primary School");
        var client = await app.SignedInAsync("governor@demo.safesocial.test");

        var page = await client.GetPageAsync($"/o/{schoolId}/policy");

        Assert.Equal("Social media policy", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("#current-version"));
        Assert.NotNull(page.QuerySelector("#review-status"));
        Assert.Empty(page.QuerySelectorAll($"a[href^='/o/{schoolId}/policy/record']"));
        Assert.True(Refused(await client.GetAsync($"/o/{schoolId}/policy/record")));
    }

    [Fact]
    public async Task Headteacher_RecordsANewVersion_CheckingTheAnswersFirst()
    {
        var schoolId = await SchoolAsync("St Hilda's CE Primary School");
        var client = await app.SignedInAsync("headteacher.second-school@demo.safesocial.test");
        var url = $"/o/{schoolId}/policy/record";
        var (written, ratified) = (Today.AddDays(-20), Today.AddDays(-10));

        var check = await TestClient.ParseAsync(await client.PostFormAsync(url, Answers(written, ratified)));

        Assert.Equal("Check your answers", check.QuerySelector("h1")!.TextContent);
        var answers = check.QuerySelector("#answers")!.TextContent;
        Assert.Contains(UkTime.Format(written), answers);
        Assert.Contains(UkTime.Format(ratified.AddMonths(12)), answers);
        Assert.Contains("Added Instagram to the approved sites", answers);
        await using var db = app.Db.System();
        var head = await db.Users.Where(u => u.Email == "headteacher.second-school@demo.safesocial.test").Select(u => u.DisplayName).SingleAsync(Ct);
        Assert.Contains(head, check.QuerySelector("#people")!.TextContent);
        Assert.Equal(0, await db.PolicyVersions.CountAsync(p => p.OrganisationId == schoolId && p.Version > 1, Ct));

        var confirm = Answers(written, ratified).Append(new("ForVersion", "2")).ToList();
        var saved = await client.PostFormAsync(url, confirm, action: $"{url}?handler=Confirm");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/o/{schoolId}/policy", saved.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync($"/o/{schoolId}/policy");
        Assert.Contains("Version 2 of the policy is recorded", page.QuerySelector("#recorded")!.TextContent);
        Assert.Contains(head, page.QuerySelector("#current-version")!.TextContent);
        Assert.Null(page.QuerySelector("#people-changed"));
        Assert.Equal("Up to date", page.QuerySelector("#review-status")!.TextContent);
        var version = await db.PolicyVersions.SingleAsync(p => p.OrganisationId == schoolId && p.Version == 2, Ct);
        Assert.Equal((written, ratified, "Governing body", head), (version.DateWritten, version.RatifiedOn!.Value, version.RatifiedBy!, version.Headteachers));
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "PolicyVersion" && a.EntityId == version.Id.ToString(), Ct);
        Assert.Equal((head, "Added Instagram to the approved sites"), (entry.ActorName, entry.Reason!));

        // A second press of "Record version 2" (a double click, the back button) records nothing more.
        var again = await client.PostFormAsync(url, confirm, action: $"{url}?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, await db.PolicyVersions.CountAsync(p => p.OrganisationId == schoolId, Ct));
    }

    [Fact]
    public async Task WrongAnswers_AreListedInPageOrder_AndNothingTypedIsLost()
    {
        var schoolId = await SchoolAsync("Alder Brook Primary School");
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");
        var fields = Answers(Today, Today.AddDays(1), ratifiedBy: "Other", cycle: "own", months: "abc");
        fields[1] = new("DateWritten.Day", "31");
        fields[2] = new("DateWritten.Month", "2");

        var page = await TestClient.ParseAsync(await client.PostFormAsync($"/o/{schoolId}/policy/record", fields));

        var errors = page.QuerySelectorAll(".govuk-error-summary li").Select(li => li.TextContent).ToList();
        Assert.Equal(["Date written must be a real date", "Enter who ratified this version", "Date ratified must be today or in the past",
            "Months between reviews must be a whole number, like 12"], errors);
        Assert.Equal("31", page.QuerySelector("#DateWritten")!.GetAttribute("value"));
        Assert.Equal("abc", page.QuerySelector("#CycleMonths")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#Cycle-own[checked]"));
        Assert.Equal("Added Instagram to the approved sites", page.QuerySelector("#Notes")!.TextContent);
        Assert.StartsWith("Error:", page.Title);
    }

    [Fact]
    public async Task RatificationBeforeTheDateWritten_IsRefused_EvenWhenConfirming()
    {
        var schoolId = await SchoolAsync("Alder Brook Primary School");
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");
        var url = $"/o/{schoolId}/policy/record";

        var response = await client.PostFormAsync(url, Answers(Today.AddDays(-5), Today.AddDays(-6)), action: $"{url}?handler=Confirm");

        var page = await TestClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Date ratified must be the same as or after the date written", page.QuerySelector(".govuk-error-summary")!.TextContent);
        await using var db = app.Db.System();
        Assert.Equal(1, await db.PolicyVersions.CountAsync(p => p.OrganisationId == schoolId, Ct));
    }

    [Fact]
    public async Task ChangingAnAnswer_GoesBackToTheFormWithEveryAnswerKept()
    {
        var schoolId = await SchoolAsync("Alder Brook Primary School");
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");
        var check = await TestClient.ParseAsync(await client.PostFormAsync($"/o/{schoolId}/policy/record",
            Answers(Today.AddDays(-3), Today.AddDays(-2), ratifiedBy: "Other", other: "Standards committee", cycle: "own", months: "6")));
        Assert.Contains("Every 6 months, for this version", check.QuerySelector("#answers")!.TextContent);
        Assert.Contains("Standards committee", check.QuerySelector("#answers")!.TextContent);

        var change = check.QuerySelectorAll("#answers a").Single(a => a.TextContent.Contains("date ratified", StringComparison.Ordinal)).GetAttribute("href")!;
        var form = await client.GetPageAsync(change);

        Assert.EndsWith("#RatifiedOn", change);
        Assert.Equal(Today.AddDays(-2).Day.ToString(), form.QuerySelector("#RatifiedOn")!.GetAttribute("value"));
        Assert.Equal("Standards committee", form.QuerySelector("#RatifiedByOther")!.GetAttribute("value"));
        Assert.Equal("6", form.QuerySelector("#CycleMonths")!.GetAttribute("value"));
        Assert.Equal("Added Instagram to the approved sites", form.QuerySelector("#Notes")!.TextContent);
    }

    [Fact]
    public async Task TheDashboard_WarnsOfTheComingReview_AndLinksToThePolicy()
    {
        var schoolId = await SchoolAsync("Alder Brook Primary School");
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");

        var home = await client.GetPageAsync($"/o/{schoolId}");

        var item = home.QuerySelectorAll("#attention li").Single(li => li.QuerySelector("a")?.GetAttribute("href") == $"/o/{schoolId}/policy");
        Assert.Contains("Due within 60 days", item.QuerySelector(".govuk-tag")!.TextContent);
        Assert.Equal($"/o/{schoolId}/policy", item.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ThePolicyPage_NamesThePeopleWhoHoldTheKeyRolesToday_EvenWhenTheVersionNamesNoOne()
    {
        var schoolId = await SchoolAsync("Alder Brook Primary School");
        await using var db = app.Db.System();
        string Holders(Role role) => string.Join(", ", db.RoleAssignments.Where(r => r.OrganisationId == schoolId && r.Role == role)
            .OrderBy(r => r.StaffMember!.LastName).Select(r => r.StaffMember!.FirstName + " " + r.StaffMember.LastName).ToList());
        var client = await app.SignedInAsync("governor@demo.safesocial.test");

        var page = await client.GetPageAsync($"/o/{schoolId}/policy");

        string Row(string key) => page.QuerySelectorAll("#current-version .govuk-summary-list__row")
            .Single(r => r.QuerySelector("dt")!.TextContent.Trim() == key).QuerySelector("dd")!.TextContent.Trim();
        Assert.NotEmpty(Holders(Role.Headteacher));
        Assert.Equal(Holders(Role.Headteacher), Row("Headteacher"));
        Assert.Equal(Holders(Role.DesignatedSafeguardingLead), Row("Designated safeguarding lead"));
        Assert.DoesNotContain("No one named", page.QuerySelector("#current-version")!.TextContent);
        Assert.Contains("does not name the people in these roles", page.QuerySelector("#people-changed")!.TextContent);
    }

    [Fact]
    public async Task TheReviewForm_NamesTheDateOfTheReview_InItsMessages()
    {
        var schoolId = await SchoolAsync("Alder Brook Primary School");
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");
        List<string> Errors(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll(".govuk-error-summary li").Select(li => li.TextContent).ToList();
        var empty = Answers(Today, Today).Select(f => f.Key.StartsWith("DateWritten", StringComparison.Ordinal) || f.Key.StartsWith("RatifiedOn", StringComparison.Ordinal)
            ? new KeyValuePair<string, string>(f.Key, "") : f).ToList();

        var review = await TestClient.ParseAsync(await client.PostFormAsync($"/o/{schoolId}/policy/record", empty.Select(f => f.Key == "Review" ? new("Review", "true") : f)));
        Assert.Equal(["Enter the date the policy was reviewed", "Enter the date this version was ratified"], Errors(review));
        Assert.Contains("Enter the date the policy was reviewed", review.QuerySelector("#DateWritten-error")!.TextContent);

        var late = Answers(Today.AddDays(1), Today.AddDays(-1)).Select(f => f.Key == "Review" ? new("Review", "true") : f);
        Assert.Equal(["Date reviewed must be today or in the past", "Date ratified must be the same as or after the date reviewed"], Errors(await TestClient.ParseAsync(await client.PostFormAsync($"/o/{schoolId}/policy/record", late))));

        var version = await TestClient.ParseAsync(await client.PostFormAsync($"/o/{schoolId}/policy/record", empty));
        Assert.Equal(["Enter the date this version was written", "Enter the date this version was ratified"], Errors(version));
    }

    [Fact]
    public async Task AnotherSchoolsPolicyPages_AreNotFound()
    {
        var schoolId = await SchoolAsync("Alder Brook Primary School");
        var client = await app.SignedInAsync("headteacher.second-school@demo.safesocial.test");

        foreach (var path in new[] { "policy", "policy/record", "policy/settings", "policy/settings/review-cycle" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{schoolId}/{path}")).StatusCode);
        var post = await client.PostFormAsync("/account", Answers(Today, Today), action: $"/o/{schoolId}/policy/record?handler=Confirm");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }
}
