using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeSocial.Browser.Tests.Browser;
using SafeSocial.Core;
using SafeSocial.Core.Organisation;
using SafeSocial.Web.Mail;
using static Microsoft.Playwright.Assertions;

namespace SafeSocial.Browser.Tests;

/// <summary>
/// The headteacher starts a campaign, sets its closing date and contact details, sees the email, the number of families and the
/// pupils no email reaches, and confirms; a parent then opens the personal link from their email and answers. Axe scans each page.
/// </summary>
[Collection(BrowserJourneys.Name)]
public partial class ConsentCampaignJourneyTests(Chromium chromium, BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Headteacher_PreviewsAndConfirmsACampaign_AndAParentAnswersThroughThePersonalLink()
    {
        var (tag, email) = await FamilyInYear6Async();
        await using var session = await BrowserSession.OpenAsync(chromium, app);
        var page = session.Page;
        await session.SignInAsync("headteacher@demo.safesocial.test");

        await session.OpenFromMenuAsync("Pupils and consent", "Consent campaigns");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consent campaigns");
        await session.ExpectAccessibleAsync("the consent campaigns page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a campaign" }).ClickAsync();
        await session.ExpectAccessibleAsync("the new campaign page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether to ask the whole school or chosen year groups");
        await session.ExpectAccessibleAsync("the new campaign page with an error");

        await page.GetByLabel("Campaign name").FillAsync($"Year 6 leavers {tag}");
        await page.GetByLabel("Chosen year groups, for example new admissions").CheckAsync();
        await page.GetByLabel("Year 6", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the campaign" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Year 6 leavers {tag}");
        await Expect(page.Locator("#class-rates")).ToBeVisibleAsync();
        await session.ExpectAccessibleAsync("a campaign before sending");

        // Nothing goes on the first press: the closing date and contact details, then the preview.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Send invitations");
        await page.GetByLabel("How can parents contact the school with questions?").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the preview" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter how parents can contact the school with questions");
        await session.ExpectAccessibleAsync("the send page with an error");
        await page.GetByLabel("How can parents contact the school with questions?").FillAsync("The school office, 01234 567890");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the preview" }).ClickAsync();
        await Expect(page.Locator("#families")).ToHaveTextAsync(new Regex(@"^\d+ famil(y|ies), one email per address$"));
        await Expect(page.Locator("#without-email")).ToBeVisibleAsync();
        await Expect(page.Locator("#mail-body")).ToContainTextAsync("The school office, 01234 567890");
        await session.ExpectAccessibleAsync("the campaign email's preview");
        var families = int.Parse(Regex.Match(await page.Locator("#families").InnerTextAsync(), @"^\d+").Value);
        var sent = TimeProvider.System.GetUtcNow();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Send \d+ emails?$") }).ClickAsync();
        await Expect(page.Locator("#last-send")).ToContainTextAsync(new Regex($@"Invitations sent .*: {families} emails? to the parents of \d+ pupils"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send reminders" })).ToBeVisibleAsync();
        await session.ExpectAccessibleAsync("a campaign after sending invitations");

        // The parent, in their own browser, opens the personal link from the email: no sign-in email, straight to the answers.
        var mail = app.Services.GetRequiredService<FolderMailSender>().Read().Single(m => m.To == email && m.Sent >= sent);
        var link = new Uri(PersonalLink().Match(mail.Body).Value).PathAndQuery;
        await using var parent = await BrowserSession.OpenAsync(chromium, app);
        var portal = parent.Page;
        await portal.GotoAsync(link);
        await Expect(portal.Locator("#link-for")).ToContainTextAsync($"Robin {tag}");
        await parent.ExpectAccessibleAsync("the personal link's page");
        await portal.GetByRole(AriaRole.Button, new() { Name = "Continue to your answers" }).ClickAsync();
        await Expect(portal.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Photo and video consent for Robin {tag}");
        foreach (var group in await portal.Locator("main fieldset").AllAsync())
            await group.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await portal.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await portal.GetByRole(AriaRole.Button, new() { Name = "Save these answers" }).ClickAsync();
        await Expect(portal.Locator("#saved")).ToContainTextAsync($"Your answers for Robin {tag} are saved");
        await parent.ExpectAccessibleAsync("the portal home after answering through a personal link");

        // The headteacher sees the answer counted.
        await page.ReloadAsync();
        await Expect(page.Locator("#not-answered")).Not.ToContainTextAsync($"Robin {tag}");
        Assert.Empty(session.ServerErrors);
        Assert.Empty(parent.ServerErrors);
    }

    /// <summary>A year 6 pupil at the headteacher's school with one parent whose address no other journey uses.</summary>
    private async Task<(string Tag, string Email)> FamilyInYear6Async()
    {
        var tag = $"Zz{Guid.NewGuid().ToString("N")[..6]}";
        var email = $"robin.{tag.ToLowerInvariant()}@home.example";
        await using var db = app.Db.System();
        var school = await db.StaffMembers.Where(s => s.Email == "headteacher@demo.safesocial.test").Select(s => s.OrganisationId).FirstAsync(Ct);
        var pupil = new Pupil { Id = Guid.NewGuid(), OrganisationId = school, LegalFirstName = "Robin", LegalLastName = tag, YearGroup = "6", DateOfBirth = UkTime.Today(TimeProvider.System).AddYears(-11) };
        var mother = new Parent { Id = Guid.NewGuid(), OrganisationId = school, FirstName = "Rae", LastName = tag, Email = email };
        db.Pupils.Add(pupil);
        db.Parents.Add(mother);
        db.PupilParents.Add(new PupilParent { Id = Guid.NewGuid(), OrganisationId = school, PupilId = pupil.Id, ParentId = mother.Id, Relationship = "Mother", HasParentalResponsibility = true });
        await db.SaveChangesAsync(Ct);
        return (tag, email);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/parents/campaign/[A-Za-z0-9_-]+")]
    private static partial Regex PersonalLink();
}
