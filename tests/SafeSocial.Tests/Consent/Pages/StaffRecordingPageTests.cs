using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;

namespace SafeSocial.Tests.Consent.Pages;

/// <summary>Staff record a parent's paper, email or spoken decision on the pupil's behalf, and see it on the pupil page.</summary>
public class StaffRecordingPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Office = DemoTrust.BusinessManager; // records consent, no two-factor
    private static readonly KeyValuePair<string, string> Dsl = new("CompetenceAssessorRole", nameof(Role.DesignatedSafeguardingLead));

    private static string RecordUrl(Guid school, DemoFamilies.Family f) => $"/o/{school}/pupils/{f.PupilId}/consent/record";

    private async Task<List<ConsentRecord>> RecordsAsync(DemoFamilies.Family f)
    {
        await using var db = app.Db.System();
        return await db.ConsentRecords.Where(r => r.PupilId == f.PupilId).ToListAsync(Ct);
    }

    private static List<string> ErrorLinks(IHtmlDocument page) =>
        page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")!).ToList();

    private static string ErrorAt(IHtmlDocument page, string id) => page.QuerySelector($"#{id}-error")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task APaperForm_IsRecordedPurposeByPurpose_AndThePupilPageShowsWhoDecidedAndHow()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var f = await DemoFamilies.AddAsync(app, demo.School, "Zzpaperform");
        var client = await app.SignedInAsync(Office);
        var formDate = DemoFamilies.Today.AddDays(-3);

        var response = await client.PostFormAsync(RecordUrl(demo.School, f), [
            new("Decider", f.MotherId.ToString()), new("Source", "PaperForm"), .. DemoFamilies.Date("DecidedOn", formDate),
            new($"Decisions[{ConsentPurpose.SchoolWebsite}]", "Given"), new($"Decisions[{ConsentPurpose.Video}]", "Refused"),
            new($"Decisions[{ConsentPurpose.PressAndLocalMedia}]", ""),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/o/{demo.School}/pupils/{f.PupilId}#consent", response.Headers.Location!.OriginalString);
        var records = await RecordsAsync(f);
        Assert.Equal(2, records.Count);
        var office = await DemoTrust.StaffAsync(app, Office);
        Assert.All(records, r =>
        {
            Assert.Equal((ConsentSource.PaperForm, formDate, f.MotherId, f.MotherName), (r.Source, r.DecidedOn, r.DecidedByParentId, r.DecidedByName));
            Assert.Equal(office.UserId, r.RecordedByUserId);
        });
        Assert.Equal(ConsentDecision.Refused, records.Single(r => r.Purpose == ConsentPurpose.Video).Decision);

        var page = await client.GetPageAsync($"/o/{demo.School}/pupils/{f.PupilId}");
        Assert.Contains("Consent recorded for Sam Zzpaperform", page.QuerySelector("#success-message")!.TextContent);
        string Row(string purpose) => page.QuerySelector($"#consent-standing tr[data-purpose={purpose}]")!.TextContent;
        Assert.Contains("Given", Row(ConsentPurpose.SchoolWebsite));
        Assert.Contains(f.MotherName, Row(ConsentPurpose.SchoolWebsite));
        Assert.Contains("Paper form", Row(ConsentPurpose.SchoolWebsite));
        Assert.Contains("Not given", Row(ConsentPurpose.Video));
        Assert.Contains("No answer", Row(ConsentPurpose.PressAndLocalMedia));
        Assert.Equal(2, page.QuerySelectorAll("#consent-history tbody tr").Length);
        Assert.Contains("Some purposes", page.QuerySelector("h1 .ss-consent-badge")!.TextContent);
    }

    [Fact]
    public async Task MissingAnswers_AreShownOnTheirOwnFields_AndWhatWasEnteredIsKept()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var f = await DemoFamilies.AddAsync(app, demo.School, "Zzmissing");
        var client = await app.SignedInAsync(Office);

        var response = await client.PostFormAsync(RecordUrl(demo.School, f), [new("Source", "Email"), new($"Decisions[{ConsentPurpose.Video}]", "Given")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(["#Decider", "#DecidedOn"], ErrorLinks(page));
        Assert.Equal("Error: Select who made the decision", ErrorAt(page, "Decider"));
        Assert.NotNull(page.QuerySelector("input[name=Source][value=Email][checked]"));
        Assert.NotNull(page.QuerySelector($"input[name='Decisions[{ConsentPurpose.Video}]'][value=Given][checked]"));
        Assert.StartsWith("Error: ", page.Title);

        var none = await TestClient.ParseAsync(await client.PostFormAsync(RecordUrl(demo.School, f), [
            new("Decider", f.MotherId.ToString()), new("Source", "Email"), .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today)]));
        Assert.Equal(["#Decisions"], ErrorLinks(none));
        Assert.Contains("at least one purpose", ErrorAt(none, "Decisions"));
        Assert.NotNull(none.QuerySelector($"input[name=Decider][value='{f.MotherId}'][checked]"));
        Assert.Empty(await RecordsAsync(f));
    }

    [Fact]
    public async Task TheRegistersRefusals_AreShownOnTheRightField()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var f = await DemoFamilies.AddAsync(app, demo.School, "Zzrefused", born: DemoFamilies.Today.AddYears(-13));
        var client = await app.SignedInAsync(Office);
        var url = RecordUrl(demo.School, f);
        KeyValuePair<string, string>[] website = [new("Source", "InPerson"), new($"Decisions[{ConsentPurpose.SchoolWebsite}]", "Withdrawn")];

        // A date in the future: the register's own rule, shown on the date.
        var future = await TestClient.ParseAsync(await client.PostFormAsync(url,
            [new("Decider", f.MotherId.ToString()), .. website, .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today.AddDays(5))]));
        Assert.Equal(["#DecidedOn"], ErrorLinks(future));
        Assert.Contains("today or in the past", ErrorAt(future, "DecidedOn"));

        // The pupil, under 18, with nobody named as judging them competent.
        var pupil = await TestClient.ParseAsync(await client.PostFormAsync(url,
            [new("Decider", "pupil"), .. website, .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today)]));
        Assert.Equal(["#CompetenceAssessedBy"], ErrorLinks(pupil));
        Assert.Contains("judged them competent", ErrorAt(pupil, "CompetenceAssessedBy"));

        // Named, but not in what role.
        var roleless = await TestClient.ParseAsync(await client.PostFormAsync(url, [new("Decider", "pupil"), new("CompetenceAssessedBy", "Jo Patel"),
            .. DemoFamilies.Date("CompetenceAssessedOn", DemoFamilies.Today.AddDays(-7)), .. website, .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today.AddDays(-2))]));
        Assert.Equal(["#CompetenceAssessorRole"], ErrorLinks(roleless));

        // Judged competent only after the decision.
        var late = await TestClient.ParseAsync(await client.PostFormAsync(url, [new("Decider", "pupil"), new("CompetenceAssessedBy", "Jo Patel, DSL"), Dsl,
            .. DemoFamilies.Date("CompetenceAssessedOn", DemoFamilies.Today), .. website, .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today.AddDays(-2))]));
        Assert.Equal(["#CompetenceAssessedOn"], ErrorLinks(late));
        Assert.Equal("Jo Patel, DSL", ((IHtmlInputElement)late.QuerySelector("#CompetenceAssessedBy")!).Value);
        Assert.Empty(await RecordsAsync(f));

        Assert.NotNull(late.QuerySelector("#CompetenceAssessorRole option[value=DesignatedSafeguardingLead][selected]"));
        var competent = await client.PostFormAsync(url, [new("Decider", "pupil"), new("CompetenceAssessedBy", "Jo Patel, DSL"), Dsl,
            .. DemoFamilies.Date("CompetenceAssessedOn", DemoFamilies.Today.AddDays(-7)), .. website, .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today.AddDays(-2))]);
        Assert.Equal(HttpStatusCode.Redirect, competent.StatusCode);
        var record = Assert.Single(await RecordsAsync(f));
        Assert.Equal((true, "Jo Patel, DSL", Role.DesignatedSafeguardingLead, ConsentDecision.Withdrawn, ConsentSource.InPerson),
            (record.DecidedByPupil, record.CompetenceAssessedBy, record.CompetenceAssessorRole, record.Decision, record.Source));
    }

    [Fact]
    public async Task APupilUnderThePolicysCompetenceAge_IsNotOffered_AndIsRefusedIfPosted()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var seven = await DemoFamilies.AddAsync(app, demo.School, "Zzseven", born: DemoFamilies.Today.AddYears(-7));
        var twelve = await DemoFamilies.AddAsync(app, demo.School, "Zztwelve", born: DemoFamilies.Today.AddYears(-12));
        var client = await app.SignedInAsync(Office);

        var form = await client.GetPageAsync(RecordUrl(demo.School, seven));
        Assert.Null(form.QuerySelector("input[name=Decider][value=pupil]"));
        Assert.Null(form.QuerySelector("#CompetenceAssessedBy"));
        Assert.Contains("from the age of 12", form.QuerySelector("#Decider-hint")!.TextContent);
        Assert.NotNull((await client.GetPageAsync(RecordUrl(demo.School, twelve))).QuerySelector("input[name=Decider][value=pupil]"));

        // Posted anyway, with a full assessment: the server refuses.
        var posted = await TestClient.ParseAsync(await client.PostFormAsync(RecordUrl(demo.School, seven), [new("Decider", "pupil"), new("CompetenceAssessedBy", "Jo Patel"), Dsl,
            .. DemoFamilies.Date("CompetenceAssessedOn", DemoFamilies.Today.AddDays(-7)), new("Source", "InPerson"),
            new($"Decisions[{ConsentPurpose.SchoolWebsite}]", "Given"), .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today)]));
        Assert.Equal(["#Decider"], ErrorLinks(posted));
        Assert.Contains("from the age of 12", ErrorAt(posted, "Decider"));
        Assert.Empty(await RecordsAsync(seven));
    }

    [Fact]
    public async Task AParentWithoutParentalResponsibility_IsNotOffered_AndIsRefusedIfPosted()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var f = await DemoFamilies.AddAsync(app, demo.School, "Zzstepfamily");
        var client = await app.SignedInAsync(Office);

        var form = await client.GetPageAsync(RecordUrl(demo.School, f));
        Assert.NotNull(form.QuerySelector($"input[name=Decider][value='{f.MotherId}']"));
        Assert.Null(form.QuerySelector($"input[name=Decider][value='{f.StepParentId}']"));
        Assert.DoesNotContain("Cal Zzstepfamily", form.QuerySelector("form")!.TextContent);

        var page = await TestClient.ParseAsync(await client.PostFormAsync(RecordUrl(demo.School, f), [new("Decider", f.StepParentId.ToString()),
            new("Source", "PaperForm"), .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today), new($"Decisions[{ConsentPurpose.Video}]", "Given")]));
        Assert.Equal(["#Decider"], ErrorLinks(page));
        Assert.Contains("does not have parental responsibility", ErrorAt(page, "Decider"));
        Assert.Empty(await RecordsAsync(f));

        // Nor a parent of another family, posted by hand.
        var other = await DemoFamilies.AddAsync(app, demo.School, "Zzotherfamily");
        var stranger = await TestClient.ParseAsync(await client.PostFormAsync(RecordUrl(demo.School, f), [new("Decider", other.MotherId.ToString()),
            new("Source", "PaperForm"), .. DemoFamilies.Date("DecidedOn", DemoFamilies.Today), new($"Decisions[{ConsentPurpose.Video}]", "Given")]));
        Assert.Equal(["#Decider"], ErrorLinks(stranger));
        Assert.Empty(await RecordsAsync(f));
    }

    [Fact]
    public async Task ATeacher_SeesConsentButCannotRecordIt_AndAnotherSchoolsPupilIsNotFound()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var f = await DemoFamilies.AddAsync(app, demo.School, "Zzteacherview");
        await DemoFamilies.DecideAsync(app, demo.School, f, ConsentPurpose.DisplaysInSchool, ConsentDecision.Given);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);

        var page = await teacher.GetPageAsync($"/o/{demo.School}/pupils/{f.PupilId}");
        Assert.Contains("Given", page.QuerySelector($"#consent-standing tr[data-purpose={ConsentPurpose.DisplaysInSchool}]")!.TextContent);
        Assert.Null(page.QuerySelector("#record-consent"));
        Assert.Equal(HttpStatusCode.Forbidden, await PupilPageTests.FinalStatusAsync(teacher, RecordUrl(demo.School, f)));

        var office = await app.SignedInAsync(Office);
        Assert.NotNull((await office.GetPageAsync($"/o/{demo.School}/pupils/{f.PupilId}")).QuerySelector("#record-consent"));
        await using var db = app.Db.System();
        var theirs = await db.Pupils.FirstAsync(p => p.OrganisationId == demo.OtherSchool, Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/o/{demo.School}/pupils/{theirs.Id}/consent/record")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/o/{demo.School}/pupils/{theirs.Id}/consent/biometric")).StatusCode);
    }

    [Fact]
    public async Task Biometric_AParentsWrittenConsentAllows_AndThePupilsObjectionOverrides()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var f = await DemoFamilies.AddAsync(app, demo.School, "Zzbiometric");
        var client = await app.SignedInAsync(Office);
        var url = $"/o/{demo.School}/pupils/{f.PupilId}/consent/biometric";
        string Standing(IHtmlDocument p) => p.QuerySelector("#biometric-standing")!.TextContent;

        var missing = await TestClient.ParseAsync(await client.PostFormAsync(url, [new("Decider", f.MotherId.ToString()), new("Decision", "Consented")]));
        Assert.Equal(["#InWriting", "#Source"], ErrorLinks(missing));

        var consent = await client.PostFormAsync(url, [new("Decider", f.MotherId.ToString()), new("Decision", "Consented"), new("InWriting", "yes"), new("Source", "PaperForm")]);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var allowed = await client.GetPageAsync($"/o/{demo.School}/pupils/{f.PupilId}");
        Assert.Contains("Allowed", Standing(allowed));
        Assert.Contains("Biometric consent recorded", allowed.QuerySelector("#success-message")!.TextContent);

        var objection = await client.PostFormAsync(url, [new("Decider", "pupil"), new("Decision", "Objected"), new("Source", "InPerson")]);
        Assert.Equal(HttpStatusCode.Redirect, objection.StatusCode);
        var refused = await client.GetPageAsync($"/o/{demo.School}/pupils/{f.PupilId}");
        Assert.Contains("Not allowed", Standing(refused));
        Assert.Contains("The pupil objects", Standing(refused));
        Assert.Equal(2, refused.QuerySelectorAll("#biometric-history tbody tr").Length);
    }
}
