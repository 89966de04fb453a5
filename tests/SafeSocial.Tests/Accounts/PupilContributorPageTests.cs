using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core;
using SafeSocial.Core.Accounts;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Accounts;

/// <summary>The account page's pupil contributors section, on the demo trust: the under-age count, a refusal kept on screen, adding and removing.</summary>
public class PupilContributorPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string ESafety = "e-safety-coordinator@demo.safesocial.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid School, Guid Account, Guid Young, Guid Old, Guid NoConsent)> WorldAsync()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var today = UkTime.Today(TimeProvider.System);
        await using var db = app.Db.System();
        var account = new OfficialAccount
        {
            Id = Guid.NewGuid(), OrganisationId = demo.School, Platform = Platform.Instagram, Handle = $"@pupil.voice.{Guid.NewGuid():N}"[..24], Status = AccountStatus.Active,
            Purpose = "Pupil voice", IntendedOutcomes = "Pupils heard", Audience = "Families", PupilsMayContribute = true, ExpectedEngagement = "Weekly",
            StaffTime = "An hour", Evaluation = "Termly", Hazards = "Oversharing", Controls = "Staff approve posts", AssessedBy = "Head",
            AssessedOn = today.AddDays(-1), NextReviewOn = today.AddYears(1), OfficialEmail = "office@demo.safesocial.test", MinimumUserAge = 13,
            RequestedAt = TimeProvider.System.GetUtcNow(), RequestedBy = "Head",
        };
        db.OfficialAccounts.Add(account);
        Pupil Pupil(string first, DateOnly born) => new()
        {
            Id = Guid.NewGuid(), OrganisationId = demo.School, LegalFirstName = first, LegalLastName = "Contributor", DateOfBirth = born, YearGroup = "6",
        };
        var (young, old, noConsent) = (Pupil("Youngster", today.AddYears(-13).AddDays(1)), Pupil("Elder", today.AddYears(-13)), Pupil("Unasked", today.AddYears(-14)));
        db.Pupils.AddRange(young, old, noConsent);
        db.ConsentRecords.AddRange(new[] { young, old }.Select(p => new ConsentRecord
        {
            Id = Guid.NewGuid(), OrganisationId = demo.School, PupilId = p.Id, Purpose = ConsentPurpose.SchoolSocialMedia, Decision = ConsentDecision.Given,
            DecidedOn = today, DecidedByName = "A parent", Source = ConsentSource.PaperForm, RecordedBy = "Office", RecordedAt = TimeProvider.System.GetUtcNow(),
        }));
        await db.SaveChangesAsync(Ct);
        return (demo.School, account.Id, young.Id, old.Id, noConsent.Id);
    }

    [Fact]
    public async Task OnlyPupilsOldEnoughAreOffered_OneRefusedIsShownWithTheChoiceKept_ThenOneIsAddedAndRemoved()
    {
        var (school, account, young, old, noConsent) = await WorldAsync();
        var client = await app.SignedInAsync(ESafety);
        var details = $"/o/{school}/accounts/{account}";
        var action = $"/o/{school}/accounts/{account}/pupil-contributors";

        var page = await client.GetPageAsync(details);
        Assert.Matches(@"\d+ of \d+\s+pupils on roll are under this account's minimum user age of 13 today", page.QuerySelector("#under-minimum-age")!.TextContent);
        // Offered by year, and only those 13 or older today (the demo school's own pupils are all younger).
        Assert.Equal(["Year 6"], page.QuerySelectorAll("#PupilId optgroup").Select(g => g.GetAttribute("label")));
        var offered = page.QuerySelectorAll("#PupilId optgroup option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(old.ToString(), offered);
        Assert.Contains(noConsent.ToString(), offered);
        Assert.DoesNotContain(young.ToString(), offered);

        // One under the age posted anyway is still refused.
        var tooYoung = await TestClient.ParseAsync(await client.PostFormAsync(details, [new("PupilId", young.ToString())], action + "?handler=Add"));
        Assert.Contains("Youngster Contributor is 12, under this account's minimum user age of 13", tooYoung.QuerySelector(".govuk-error-summary")!.TextContent);

        var refused = await client.PostFormAsync(details, [new("PupilId", noConsent.ToString())], action + "?handler=Add");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errorPage = await TestClient.ParseAsync(refused);
        Assert.StartsWith("Error: ", errorPage.Title);
        Assert.Contains("Unasked Contributor has no photo consent", errorPage.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("#PupilId", errorPage.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.NotNull(errorPage.QuerySelector($"#PupilId option[value='{noConsent}'][selected]"));

        var added = await client.PostFormAsync(details, [new("PupilId", old.ToString())], action + "?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        page = await client.GetPageAsync(details);
        Assert.Contains("Elder Contributor can now contribute", page.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Contains("Elder Contributor", page.QuerySelector("#pupil-contributor-list")!.TextContent);
        Assert.Null(page.QuerySelector($"#PupilId option[value='{old}']"));

        var removed = await client.PostFormAsync(details, [new("PupilId", old.ToString())], action + "?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        page = await client.GetPageAsync(details);
        Assert.Null(page.QuerySelector("#pupil-contributor-list"));
        await using var db = app.Db.System();
        Assert.Equal(["Added", "Deleted"], await db.AuditEntries.Where(a => a.EntityType == nameof(PupilContributor)).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task SomeoneWhoCannotManageAccountsSeesNoFormAndCannotAdd()
    {
        var (school, account, _, old, _) = await WorldAsync();
        var client = await app.SignedInAsync(DemoTrust.Teacher);
        var details = $"/o/{school}/accounts/{account}";
        var page = await client.GetPageAsync(details);
        Assert.NotNull(page.QuerySelector("#pupil-contributors"));
        Assert.Null(page.QuerySelector("#PupilId"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var response = await client.PostWithTokenAsync($"/o/{school}/accounts/{account}/pupil-contributors?handler=Add", token, [new("PupilId", old.ToString())]);
        // Refused as any page is without its permission (sent to the 403 page), never back to the account as done.
        Assert.Contains("/error/403", response.Headers.Location?.OriginalString ?? "");
        await using var db = app.Db.System();
        Assert.False(await db.PupilContributors.AnyAsync(c => c.OfficialAccountId == account, Ct));
    }
}
