using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Consent.Portal;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.Consent.Campaigns;

/// <summary>
/// A campaign's emails go only once staff have seen the email, the number of families and the pupils it cannot reach, and
/// confirmed; each carries a personal link that opens only that family's children, until the campaign closes or staff stop it.
/// </summary>
[Collection(ConsentPagesCollection.Name)]
public partial class CampaignConfirmationTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = UkTime.Today(TimeProvider.System);

    private sealed record World(Guid School, string Tag, string Email, Guid Ada, Guid Bea, Guid OlderSibling, Guid NoEmail, string Year);

    /// <summary>Year 2 of the demo school, plus a family with two children in it and one in year 5, and a pupil with no parent email.</summary>
    private async Task<World> WorldAsync()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var db = app.Db.System();
        Pupil P(string first, string year) => new() { Id = Guid.NewGuid(), OrganisationId = demo.School, LegalFirstName = first, LegalLastName = tag, YearGroup = year };
        var (ada, bea, older, none) = (P("Ada", "2"), P("Bea", "2"), P("Cy", "5"), P("Noemail", "2"));
        var mother = new Parent { Id = Guid.NewGuid(), OrganisationId = demo.School, FirstName = "Ann", LastName = tag, Email = $"ann.{tag}@home.example" };
        var paperOnly = new Parent { Id = Guid.NewGuid(), OrganisationId = demo.School, FirstName = "Pat", LastName = tag };
        db.Pupils.AddRange(ada, bea, older, none);
        db.Parents.AddRange(mother, paperOnly);
        foreach (var (child, parent) in new[] { (ada, mother), (bea, mother), (older, mother), (none, paperOnly) })
            db.PupilParents.Add(new PupilParent { Id = Guid.NewGuid(), OrganisationId = demo.School, PupilId = child.Id, ParentId = parent.Id, Relationship = "Mother", HasParentalResponsibility = true });
        await db.SaveChangesAsync(Ct);
        return new World(demo.School, tag, mother.Email!, ada.Id, bea.Id, older.Id, none.Id, "2");
    }

    private static KeyValuePair<string, string>[] Details(DateOnly closes, string contact) =>
        [new("ClosesOn.Day", closes.Day.ToString()), new("ClosesOn.Month", closes.Month.ToString()), new("ClosesOn.Year", closes.Year.ToString()), new("ContactDetails", contact)];

    private static async Task<Guid> StartAsync(TestClient manager, World w)
    {
        var started = await manager.PostFormAsync($"/o/{w.School}/consent/campaigns/new", [new("Name", $"Year 2 {w.Tag}"), new("Scope", "year-groups"), new("YearGroups", w.Year)]);
        return Guid.Parse(started.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    [Fact]
    public async Task Invitations_AreSentOnlyAfterAPreviewAndAConfirmation_WithTheClosingDateAndContactDetails()
    {
        var w = await WorldAsync();
        var manager = await app.SignedInAsync(DemoTrust.BusinessManager);
        var page = $"/o/{w.School}/consent/campaigns/{await StartAsync(manager, w)}";
        var send = $"{page}/send/invitations";
        var before = TimeProvider.System.GetUtcNow();

        var campaignPage = await manager.GetPageAsync(page);
        Assert.Equal($"{send}", campaignPage.QuerySelector("a#send")!.GetAttribute("href"));
        Assert.Null((await manager.GetPageAsync(send)).QuerySelector("#preview"));
        var refused = await TestClient.ParseAsync(await manager.PostFormAsync(send, Details(Today.AddDays(-1), " "), $"{send}?handler=Details"));
        Assert.Equal(["The closing date must be today or in the future", "Enter how parents can contact the school with questions"],
            refused.QuerySelectorAll(".govuk-error-summary li").Select(li => li.TextContent.Trim()));

        var closes = Today.AddDays(14);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(send, Details(closes, "Mrs Khan in the office, 01234 567890"), $"{send}?handler=Details")).StatusCode);
        var preview = await manager.GetPageAsync(send);

        await using var db = app.Db.System();
        var today = Today;
        var yearTwo = await db.Pupils.Where(p => p.OrganisationId == w.School && p.YearGroup == w.Year && (p.LeavingDate == null || p.LeavingDate > today))
            .Select(p => new { p.Id, Emails = p.Parents.Where(l => l.HasParentalResponsibility && l.Parent!.Email != null && l.Parent.Email != "").Select(l => l.Parent!.Email!.ToLower()).ToList() })
            .ToListAsync(Ct);
        var families = yearTwo.SelectMany(p => p.Emails).Distinct().Count();
        Assert.Equal($"{families} families, one email per address", preview.QuerySelector("#families")!.TextContent);
        Assert.Equal($"{yearTwo.Count} pupils", preview.QuerySelector("#pupils")!.TextContent);
        Assert.Equal($"{yearTwo.Count(p => p.Emails.Count == 0)} pupil{(yearTwo.Count(p => p.Emails.Count == 0) == 1 ? "" : "s")}", preview.QuerySelector("#without-email")!.TextContent);
        Assert.Contains($"Noemail {w.Tag}", preview.QuerySelector("#unreachable")!.TextContent);
        var body = preview.QuerySelector("#mail-body")!.TextContent;
        Assert.Contains("Mrs Khan in the office, 01234 567890", body);
        Assert.Contains($"Please answer by {UkTime.Format(closes)}", body);
        Assert.Contains("/parents/campaign/", body);
        Assert.Equal($"Send {families} emails", preview.QuerySelector("#confirm-send")!.TextContent.Trim());
        Assert.Empty(SentSince(before)); // nothing goes until confirmed

        // A stale confirmation (the roll changed after the preview) sends nothing and shows the new count.
        var stale = await TestClient.ParseAsync(await manager.PostFormAsync(send, [new("Emails", (families + 1).ToString())], $"{send}?handler=Confirm"));
        Assert.Contains("has changed since you checked", stale.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Empty(SentSince(before));

        var confirmed = await manager.PostFormAsync(send, [new("Emails", families.ToString())], $"{send}?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await WaitForSendingAsync(page);
        var mails = SentSince(before);
        Assert.Equal(families, mails.Count);
        var ours = Assert.Single(mails, m => m.To == w.Email);
        Assert.Contains("Mrs Khan in the office", ours.Body);
        Assert.Contains($"Ada {w.Tag} and Bea {w.Tag}", ours.Subject);
        Assert.DoesNotContain($"Cy {w.Tag}", ours.Body);
        Assert.Contains(UkTime.Format(closes), (await manager.GetPageAsync(page)).QuerySelector("#closes")!.TextContent);
    }

    [Fact]
    public async Task ThePersonalLink_OpensOnlyThatEmailsChildren_IsStoredAsAHash_AndStopsWhenStaffStopItOrTheCampaignCloses()
    {
        var w = await WorldAsync();
        var manager = await app.SignedInAsync(DemoTrust.BusinessManager);
        var campaign = await StartAsync(manager, w);
        var page = $"/o/{w.School}/consent/campaigns/{campaign}";
        var send = $"{page}/send/invitations";
        var before = TimeProvider.System.GetUtcNow();
        await manager.PostFormAsync(send, Details(Today.AddDays(7), "The office"), $"{send}?handler=Details");
        var emails = (await manager.GetPageAsync(send)).QuerySelector("input[name=Emails]")!.GetAttribute("value")!;
        await manager.PostFormAsync(send, [new("Emails", emails)], $"{send}?handler=Confirm");
        await WaitForSendingAsync(page);
        var link = new Uri(PersonalLink().Match(Assert.Single(SentSince(before), m => m.To == w.Email).Body).Value).PathAndQuery;
        var token = link.Split('/')[^1];

        await using (var db = app.Db.System())
        {
            var stored = await db.CampaignLinks.SingleAsync(l => l.CampaignId == campaign && l.Email == w.Email, Ct);
            Assert.Equal(InvitationService.Hash(token), stored.TokenHash);
            Assert.Equal(new[] { w.Ada, w.Bea }.Order(), stored.PupilIds.Order());
            Assert.False(await db.CampaignLinks.AnyAsync(l => l.TokenHash == token, Ct));
        }

        // The parent opens the link: no second email, and only the two children the email was about.
        var parent = app.Anonymous();
        var landing = await parent.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains($"Ada {w.Tag} and Bea {w.Tag}", (await TestClient.ParseAsync(landing)).QuerySelector("#link-for")!.TextContent);
        var signedIn = await parent.PostFormAsync(link, []);
        Assert.Equal("/parents", signedIn.Headers.Location!.OriginalString);
        var home = await parent.GetPageAsync("/parents");
        Assert.Contains($"Ada {w.Tag}", home.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain($"Cy {w.Tag}", home.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/parents/children/{w.OlderSibling}")).StatusCode);
        var answered = await parent.PostFormAsync($"/parents/children/{w.Ada}", PortalPages.Answers("yes"), $"/parents/children/{w.Ada}?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(ConsentPurpose.Defaults.Count, await PortalPages.RecordsAsync(app, w.Ada));

        // Staff stop the family's link: the parent's session ends at the next page, and the link says it was stopped.
        var stop = await manager.PostFormAsync(page, [new("StopEmail", w.Email.ToUpperInvariant())], $"{page}?handler=StopLinks");
        Assert.Equal(HttpStatusCode.Redirect, stop.StatusCode);
        var after = await parent.GetAsync("/parents");
        Assert.Equal(PortalSessionPath, after.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Gone, (await parent.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await PortalPages.PostAsync(parent, link, [])).StatusCode); // and signs no one in
        await using (var db = app.Db.System())
        {
            Assert.NotNull((await db.CampaignLinks.SingleAsync(l => l.CampaignId == campaign && l.Email == w.Email, Ct)).RevokedAt);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "CampaignLink" && a.Reason == "A family's personal link stopped", Ct));
        }

        // Another family's link works until the campaign closes, then not.
        await using (var db = app.Db.System())
        {
            await db.ConsentCampaigns.Where(c => c.Id == campaign).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosesOn, Today.AddDays(-1)), Ct);
        }
        Assert.Contains("closed", (await TestClient.ParseAsync(await manager.GetAsync(page))).QuerySelector("#closed")!.TextContent);
    }

    [Fact]
    public async Task PaperForms_PrintAPagePerPupilWithNoParentEmail_WithEveryPurposeToTick()
    {
        var w = await WorldAsync();
        var manager = await app.SignedInAsync(DemoTrust.BusinessManager);
        var page = $"/o/{w.School}/consent/campaigns/{await StartAsync(manager, w)}";
        var send = $"{page}/send/invitations";
        await manager.PostFormAsync(send, Details(Today.AddDays(7), "The office, 01234 567890"), $"{send}?handler=Details");

        var forms = await manager.GetPageAsync($"{page}/paper-forms");
        var ours = forms.QuerySelector($".ss-paper-form[data-pupil='{w.NoEmail}']")!;
        Assert.Contains($"Noemail {w.Tag}", ours.TextContent);
        Assert.Equal(ConsentPurpose.Defaults.Select(p => p.Key), ours.QuerySelectorAll("tr[data-purpose]").Select(r => r.GetAttribute("data-purpose")));
        Assert.All(ours.QuerySelectorAll("tr[data-purpose]"), r => Assert.Equal(2, r.QuerySelectorAll(".ss-tick-box").Length));
        Assert.Contains(UkTime.Format(Today.AddDays(7)), ours.TextContent);
        Assert.Contains("01234 567890", ours.TextContent);
        Assert.Null(forms.QuerySelector($".ss-paper-form[data-pupil='{w.Ada}']"));

        var one = await manager.GetPageAsync($"{page}/paper-forms?pupil={w.Ada}");
        Assert.Single(one.QuerySelectorAll(".ss-paper-form"));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"{page}/paper-forms?pupil={w.OlderSibling}")).StatusCode); // not in the campaign
    }

    private const string PortalSessionPath = SafeSocial.Web.Pages.Parents.PortalSession.LinkEndedPath;

    private List<StoredMail> SentSince(DateTimeOffset since) =>
        app.Services.GetRequiredService<FolderMailSender>().Read().Where(m => m.Sent >= since && m.Subject.Contains("consent", StringComparison.Ordinal)).ToList();

    private async Task WaitForSendingAsync(string page)
    {
        var campaign = Guid.Parse(page.Split('/')[^1]);
        await using var db = app.Db.System();
        var send = await db.ConsentCampaignSends.Where(s => s.CampaignId == campaign).OrderByDescending(s => s.StartedAt).FirstAsync(Ct);
        await app.Services.GetRequiredService<CampaignMailQueue>().FinishedAsync(send.Id).WaitAsync(Ct);
    }

    [GeneratedRegex(@"http://localhost/parents/campaign/[A-Za-z0-9_-]+")]
    private static partial Regex PersonalLink();
}
