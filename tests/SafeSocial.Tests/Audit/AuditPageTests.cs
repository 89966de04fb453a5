using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Demo;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Audit;

public class AuditPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> OrganisationAsync(string name)
    {
        await using var db = app.Db.System();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct);
    }

    private Task<Guid> FirstSchoolAsync() => OrganisationAsync("Alder Brook Primary School");

    [Fact]
    public async Task Headteacher_SeesTheTrailNewestFirst_StartingWithTheirOwnViewOfIt()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");

        var page = await client.GetPageAsync($"/o/{schoolId}/audit");

        Assert.Equal("Audit trail", page.QuerySelector("h1")!.TextContent);
        var cards = page.QuerySelectorAll("#audit-entries .govuk-summary-card");
        Assert.Equal(50, cards.Length);
        Assert.Contains("Viewed · Audit trail", cards[0].QuerySelector("h3")!.TextContent);
        var numbers = cards.Select(c => long.Parse(c.Id!["entry-".Length..])).ToList();
        Assert.Equal(numbers.OrderDescending(), numbers);
        await using var db = app.Db.System();
        var last = await db.AuditEntries.Where(a => a.OrganisationId == schoolId).OrderByDescending(a => a.Sequence).FirstAsync(Ct);
        Assert.Equal(("Viewed", "AuditTrail"), (last.Action, last.EntityType));
        Assert.Equal(last.ActorName, cards[0].QuerySelector(".govuk-summary-list__value")!.TextContent);
    }

    [Fact]
    public async Task AnEntrysChanges_AreATableOfFieldsNotJson()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");

        var page = await client.GetPageAsync($"/o/{schoolId}/audit?RecordType=StaffMember&ActionTaken=Added");

        var card = page.QuerySelector("#audit-entries .govuk-summary-card")!;
        Assert.Contains("Added · Staff member", card.QuerySelector("h3")!.TextContent);
        var fields = card.QuerySelectorAll("tbody th").Select(th => th.TextContent).ToList();
        Assert.Contains("First name", fields);
        Assert.Contains("Job title", fields);
        Assert.DoesNotContain("{", card.QuerySelector("table")!.TextContent);
    }

    [Fact]
    public async Task Headteacher_ChecksTheTrail_AndSeesThatItIsIntact()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");

        var response = await client.PostFormAsync($"/o/{schoolId}/audit", [], action: $"/o/{schoolId}/audit?handler=Check");

        var page = await TestClient.ParseAsync(response);
        var banner = page.QuerySelector("#check-result")!;
        Assert.Contains("govuk-notification-banner--success", banner.ClassName);
        Assert.Contains("The audit trail is intact", banner.TextContent);
        await using var db = app.Db.System();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.OrganisationId == schoolId && a.Action == "Verified", Ct));
    }

    [Fact]
    public async Task TrustLeader_ChecksTheTrustsTrailAndEverySchools()
    {
        var trustId = await OrganisationAsync(DemoSeeder.TrustName);
        var client = await app.SignedInAsync("trust-executive-leadership@demo.safesocial.test");

        var response = await client.PostFormAsync($"/o/{trustId}/audit", [], action: $"/o/{trustId}/audit?handler=Check");

        var page = await TestClient.ParseAsync(response);
        var rows = page.QuerySelectorAll("#check-results tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(DemoSeeder.TrustName, rows[0]);
        Assert.All(rows, r => Assert.Contains("Intact", r));
    }

    [Fact]
    public async Task Filters_NarrowTheTrail()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");

        await client.GetPageAsync($"/o/{schoolId}/audit");
        await using var db = app.Db.System();
        var name = await db.Users.Where(u => u.Email == "headteacher@demo.safesocial.test").Select(u => u.DisplayName).SingleAsync(Ct);
        var part = name.Split(' ')[^1].ToUpperInvariant();

        var page = await client.GetPageAsync($"/o/{schoolId}/audit?ActionTaken=Viewed&Who={Uri.EscapeDataString(part)}&From.Day=1&From.Month=1&From.Year=2020");

        var cards = page.QuerySelectorAll("#audit-entries .govuk-summary-card").ToList();
        Assert.NotEmpty(cards);
        Assert.All(cards, c => Assert.Contains("Viewed", c.QuerySelector("h3")!.TextContent));
        Assert.All(cards, c => Assert.Equal(name, c.QuerySelector(".govuk-summary-list__value")!.TextContent));
        var none = await client.GetPageAsync($"/o/{schoolId}/audit?Who=nobody-by-this-name");
        Assert.Equal("No entries match these filters.", none.QuerySelector("#no-entries")!.TextContent);
    }

    [Fact]
    public async Task DatesInBritishSummerTime_FilterTheTrail()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");

        // In BST a UK day starts at 23:00 UTC the day before: the bounds must still reach PostgreSQL as UTC instants.
        var response = await client.GetAsync($"/o/{schoolId}/audit?From.Day=1&From.Month=6&From.Year=2025&To.Day=31&To.Month=7&To.Year=2025");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("No entries match these filters.", (await TestClient.ParseAsync(response)).QuerySelector("#no-entries")!.TextContent);
    }

    [Fact]
    public async Task AFilterDateThatIsNotReal_SaysWhatToFix_AndKeepsWhatWasTyped()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");

        var page = await client.GetPageAsync($"/o/{schoolId}/audit?From.Day=31&From.Month=2&From.Year=2026&To.Day=1&To.Month=&To.Year=2026");

        var summary = page.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("Date from must be a real date", summary);
        Assert.Contains("Date to must include a month", summary);
        Assert.Equal("31", page.QuerySelector("#From")!.GetAttribute("value"));
        Assert.Contains("govuk-input--error", page.QuerySelector("#To_Month")!.ClassName);
        Assert.DoesNotContain("govuk-input--error", page.QuerySelector("#To")!.ClassName);
        Assert.StartsWith("Error:", page.Title);
    }

    [Fact]
    public async Task OlderEntries_AreOnTheNextPage()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("headteacher@demo.safesocial.test");
        var first = await client.GetPageAsync($"/o/{schoolId}/audit?ActionTaken=Added");
        var next = first.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        Assert.Contains("ActionTaken=Added", next);

        var second = await client.GetPageAsync(next);

        var firstNumbers = first.QuerySelectorAll("#audit-entries .govuk-summary-card").Select(c => c.Id).ToList();
        var secondNumbers = second.QuerySelectorAll("#audit-entries .govuk-summary-card").Select(c => c.Id).ToList();
        Assert.Equal(50, secondNumbers.Count);
        Assert.Empty(firstNumbers.Intersect(secondNumbers));
        Assert.NotNull(second.QuerySelector(".govuk-pagination__prev a"));
        foreach (var odd in new[] { "abc", "-3", "2147483647" })
            Assert.Null((await client.GetPageAsync($"/o/{schoolId}/audit?p={odd}")).QuerySelector(".govuk-error-summary"));
    }

    [Fact]
    public async Task Teacher_IsNotAllowedToSeeTheTrail()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("teacher@demo.safesocial.test");

        var response = await client.GetAsync($"/o/{schoolId}/audit");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/error/403", StringComparison.Ordinal)),
            $"Expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task AnotherSchoolsTrail_IsNotFound()
    {
        var schoolId = await FirstSchoolAsync();
        var client = await app.SignedInAsync("headteacher.second-school@demo.safesocial.test");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{schoolId}/audit")).StatusCode);
        var post = await client.PostFormAsync("/account", [], action: $"/o/{schoolId}/audit?handler=Check");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }
}

/// <summary>On its own database, because it breaks the trail.</summary>
public class AuditPageTamperTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ATamperedTrail_ShowsARedWarningNamingTheFirstBrokenEntry()
    {
        Guid schoolId;
        long entryId;
        await using (var db = app.Db.System())
        {
            schoolId = await db.Organisations.Where(o => o.Name == "Alder Brook Primary School").Select(o => o.Id).SingleAsync(TestContext.Current.CancellationToken);
            entryId = await db.AuditEntries.Where(a => a.OrganisationId == schoolId && a.Sequence == 42).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
        }
        await Attacker.RunAsync(app.Db, """UPDATE "AuditEntries" SET "ActorName" = 'Nobody' WHERE "Id" = @id""", ("id", entryId));
        var client = await app.SignedInAsync("data-protection-officer@demo.safesocial.test");
        var trustId = (await client.GetAsync("/")).Headers.Location!.OriginalString;

        var response = await client.PostFormAsync($"{trustId}/audit", [], action: $"{trustId}/audit?handler=Check");

        var page = await TestClient.ParseAsync(response);
        var warning = page.QuerySelector("#check-result")!;
        Assert.Contains("govuk-error-summary", warning.ClassName);
        Assert.Contains("Alder Brook Primary School, entry 42", warning.TextContent);
        Assert.Contains($"(id {entryId})", warning.TextContent);
        Assert.Contains("changed after it was written", warning.TextContent);
        Assert.Contains("Broken at entry 42", page.QuerySelector("#check-results")!.TextContent);
    }
}
