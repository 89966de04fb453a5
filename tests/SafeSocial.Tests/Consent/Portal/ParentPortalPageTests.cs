using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Tests.Infrastructure;
using static SafeSocial.Tests.Consent.Portal.PortalPages;

namespace SafeSocial.Tests.Consent.Portal;

/// <summary>The parent portal through its pages: asking for a link, using it once, its expiry, the limits, and the portal's own session.</summary>
public class ParentPortalPageTests(PortalAppFixture app) : IClassFixture<PortalAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKnownAndAnUnknownAddress_GetTheSameAnswer_AndOnlyTheKnownOneGetsMail()
    {
        var family = await FamilyAsync(app);
        var unknown = $"nobody.{Guid.NewGuid():N}@elsewhere.example";
        var answers = new List<string>();
        foreach (var email in new[] { family.Email, unknown })
        {
            var client = app.Anonymous();
            var posted = await RequestLinkAsync(client, email);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.Equal("/parents/check-your-email", posted.Headers.Location!.OriginalString);
            var page = await client.GetPageAsync("/parents/check-your-email");
            answers.Add(page.QuerySelector("main")!.TextContent.Replace(email, "ADDRESS", StringComparison.Ordinal));
        }
        Assert.Equal(answers[0], answers[1]);
        Assert.Contains("If ADDRESS is the email address your child's school has for you, we have sent a link", answers[0]);

        var mail = Assert.Single(await MailToAsync(app, family.Email));
        Assert.Contains($"Dear Ann {family.ChildName.Split(' ')[1]}", mail.Body);
        Assert.Contains("The link works once", mail.Body);
        Assert.Empty(await MailToAsync(app, unknown));
    }

    [Fact]
    public async Task AnAddressInTheWrongFormat_IsRefused_WithWhatToFix()
    {
        var response = await RequestLinkAsync(app.Anonymous(), "ann at home");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains("Enter an email address in the correct format, like name@example.com", page.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("ann at home", page.QuerySelector("#Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task TheLink_SignsInOnce_AndAUsedLinkOffersANewOne()
    {
        var family = await FamilyAsync(app);
        var client = await SignedInAsync(app, family.Email);
        var home = await client.GetPageAsync("/parents");
        Assert.Contains(family.ChildName, home.QuerySelector("main")!.TextContent);
        var link = await LinkAsync(app, family.Email);

        var again = await app.Anonymous().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        var page = await TestClient.ParseAsync(again);
        Assert.Equal("This link has already been used", page.QuerySelector("h1")!.TextContent);
        var replay = await PostAsync(app.Anonymous(), link, []);
        Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);

        var visitor = app.Anonymous();
        var asked = await PostAsync(visitor, link + "?handler=NewLink", []);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/parents/check-your-email", asked.Headers.Location!.OriginalString);
        var newLink = Assert.Single((await LinksAsync(app, family.Email)).Except([link]));
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostFormAsync(newLink, [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/parents")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredLink_SaysSo_SignsNobodyIn_AndOffersANewOne()
    {
        var family = await FamilyAsync(app);
        var client = app.Anonymous();
        await RequestLinkAsync(client, family.Email);
        var link = await LinkAsync(app, family.Email);
        app.FakeClock.Advance(TimeSpan.FromMinutes(31));

        var response = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("This link has expired", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Send me a new link", page.QuerySelector("form button")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Gone, (await PostAsync(client, link, [])).StatusCode);
        Assert.Equal("/parents/sign-in", new Uri(new Uri("http://localhost"), (await client.GetAsync("/parents")).Headers.Location!).AbsolutePath);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, link + "?handler=NewLink", [])).StatusCode);
        Assert.Equal(2, (await LinksAsync(app, family.Email)).Distinct().Count());
    }

    [Fact]
    public async Task ATamperedOrMadeUpLink_IsNotValid_AndSignsNobodyIn()
    {
        var family = await FamilyAsync(app);
        var client = app.Anonymous();
        await RequestLinkAsync(client, family.Email);
        var link = await LinkAsync(app, family.Email);
        var tampered = link[..^1] + (link[^1] == 'a' ? 'b' : 'a');

        foreach (var bad in new[] { tampered, "/parents/link/" + new string('A', 43), "/parents/link/" + new string('x', 500) })
        {
            var response = await client.GetAsync(bad);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("This link is not valid", (await TestClient.ParseAsync(response)).QuerySelector("h1")!.TextContent);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, bad, [])).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, bad + "?handler=NewLink", [])).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/parents")).StatusCode);
        Assert.Single(await MailToAsync(app, family.Email));
    }

    [Fact]
    public async Task TheFourthLinkForAnAddressInAnHour_IsRefusedKindly()
    {
        var family = await FamilyAsync(app);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Redirect, (await RequestLinkAsync(app.Anonymous(), family.Email)).StatusCode);

        var refused = await RequestLinkAsync(app.Anonymous(), family.Email);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await TestClient.ParseAsync(refused);
        Assert.Contains("We have already sent several sign-in links to this email address in the last hour", page.QuerySelector("#link-refused")!.TextContent);
        Assert.Equal(family.Email, page.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.Equal(3, (await MailToAsync(app, family.Email)).Count);
    }

    [Fact]
    public async Task ThePortalSession_EndsAfterFifteenMinutesWithoutUse()
    {
        var family = await FamilyAsync(app);
        var client = await SignedInAsync(app, family.Email);
        app.FakeClock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/parents")).StatusCode);
        app.FakeClock.Advance(TimeSpan.FromMinutes(16));

        var response = await client.GetAsync("/parents");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/parents/sign-in", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
        var signIn = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("not used for 15 minutes", signIn.QuerySelector("#signed-out-notice")!.TextContent);
    }

    [Fact]
    public async Task SigningOut_EndsThePortalSession()
    {
        var family = await FamilyAsync(app);
        var client = await SignedInAsync(app, family.Email);
        var response = await client.PostFormAsync("/parents/sign-out", []);
        Assert.Equal("/parents/signed-out", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/parents")).StatusCode);
    }

    [Fact]
    public async Task AParent_SeesOnlyChildrenTheyHoldResponsibilityFor()
    {
        var family = await FamilyAsync(app);
        var text = (await (await SignedInAsync(app, family.Email)).GetPageAsync("/parents")).QuerySelector("main")!.TextContent;
        Assert.Contains(family.ChildName, text);
        Assert.Contains(family.OtherSchoolChildName, text);
        Assert.DoesNotContain(family.OtherFamilyChildName, text);

        var step = await (await SignedInAsync(app, family.StepEmail)).GetPageAsync("/parents");
        Assert.NotNull(step.QuerySelector("#no-children"));
        Assert.DoesNotContain(family.ChildName, step.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task AnotherFamilysChild_OrAStepChild_IsNotFound_AndNothingIsRecorded()
    {
        var family = await FamilyAsync(app);
        var parent = await SignedInAsync(app, family.Email);
        var step = await SignedInAsync(app, family.StepEmail);
        foreach (var (client, child, tokenFrom) in new[]
                 {
                     (parent, family.OtherFamilyChild, $"/parents/children/{family.Child}"),
                     (parent, Guid.NewGuid(), $"/parents/children/{family.Child}"),
                     (step, family.Child, "/parents"),
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/parents/children/{child}")).StatusCode);
            foreach (var handler in new[] { "", "?handler=Save", "?handler=Edit" })
            {
                var response = await PostAsync(client, $"/parents/children/{child}{handler}", Answers("yes"), tokenFrom);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain(family.OtherFamilyChildName, await response.Content.ReadAsStringAsync(Ct));
            }
        }
        Assert.Equal(0, await RecordsAsync(app, family.Child, family.OtherFamilyChild));
    }

    [Fact]
    public async Task AChange_IsCheckedThenSaved_ConfirmedByEmail_AndAWithdrawalCountsAtOnce()
    {
        var family = await FamilyAsync(app);
        var client = await SignedInAsync(app, family.Email);
        var page = $"/parents/children/{family.Child}";

        var missing = await TestClient.ParseAsync(await client.PostFormAsync(page, Answers("yes").Where(a => !a.Key.Contains(ConsentPurpose.Video, StringComparison.Ordinal))));
        Assert.Contains("Select yes or no for Video", missing.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(0, await RecordsAsync(app, family.Child));

        var check = await TestClient.ParseAsync(await client.PostFormAsync(page, Answers("yes")));
        Assert.Equal($"Check your changes for {family.ChildName}", check.QuerySelector("h1")!.TextContent);
        Assert.Equal(ConsentPurpose.Defaults.Count, check.QuerySelectorAll("#changes .govuk-summary-list__row").Length);
        Assert.Equal(0, await RecordsAsync(app, family.Child));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(page, Answers("yes"), page + "?handler=Save")).StatusCode);
        Assert.Equal(ConsentPurpose.Defaults.Count, await RecordsAsync(app, family.Child));

        app.FakeClock.Advance(TimeSpan.FromMinutes(1)); // the application's clock stands still otherwise: a later decision needs a later time
        var withdraw = Answers("yes", (ConsentPurpose.SchoolSocialMedia, "no")).ToList();
        check = await TestClient.ParseAsync(await client.PostFormAsync(page, withdraw));
        var row = Assert.Single(check.QuerySelectorAll("#changes .govuk-summary-list__row"));
        Assert.Equal(("The school's social media accounts", "changed from Yes to No (consent withdrawn)"), (row.QuerySelector("dt")!.TextContent, row.QuerySelector("dd")!.TextContent));
        Assert.Contains("takes effect straight away", check.QuerySelector(".govuk-warning-text")!.TextContent);
        var saved = await client.PostFormAsync(page, withdraw, page + "?handler=Save");
        Assert.Equal("/parents", saved.Headers.Location!.OriginalString);
        var home = await client.GetPageAsync("/parents");
        Assert.Equal(["The school's social media accounts: changed from Yes to No (consent withdrawn)"], home.QuerySelectorAll("#saved-changes li").Select(li => li.TextContent));
        var tags = home.QuerySelectorAll($"#child-section-{family.Child} .govuk-summary-list__row")
            .ToDictionary(r => r.QuerySelector("dt")!.TextContent, r => r.QuerySelector(".govuk-tag")!.TextContent);
        Assert.Equal("No", tags["The school's social media accounts"]);
        Assert.Equal("Yes", tags["School website"]);

        await using var db = app.Db.System();
        var today = UkTime.Today(app.FakeClock);
        var result = await new ConsentCheck(db).CheckAsync(family.School, [family.Child], ConsentPurpose.SchoolSocialMedia, today, ConsentPolicy.Default, ct: Ct);
        Assert.Equal(ConsentReason.Withdrawn, Assert.Single(result).Reason);
        var withdrawal = await db.ConsentRecords.SingleAsync(r => r.PupilId == family.Child && r.Decision == ConsentDecision.Withdrawn, Ct);
        Assert.Equal((ConsentSource.ParentPortal, $"Ann {family.ChildName.Split(' ')[1]}"), (withdrawal.Source, withdrawal.RecordedBy));
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == "ConsentRecord" && a.EntityId == withdrawal.Id.ToString(), Ct);
        Assert.Equal(($"Ann {family.ChildName.Split(' ')[1]} (parent, through the parent portal)", (Guid?)null), (audit.ActorName, audit.ActorUserId));

        var confirmations = (await MailToAsync(app, family.Email)).Where(m => m.Subject == $"You changed photo consent for {family.ChildName}").ToList();
        Assert.Equal(2, confirmations.Count);
        var latest = Assert.Single(confirmations, m => m.Body.Contains("consent withdrawn", StringComparison.Ordinal)).Body;
        Assert.Contains("What you changed:\n- The school's social media accounts: changed from Yes to No (consent withdrawn)\n\n", latest);
        Assert.Contains("- The school's social media accounts: No, consent withdrawn on", latest);
        Assert.Contains("- School website: Yes", latest);
    }
}
