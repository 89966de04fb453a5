using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Consent.Campaigns;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.Consent.Campaigns;

/// <summary>Consent campaigns through their pages: who is in scope, one invitation per parent address, reminders only where no answer came, response rates.</summary>
[Collection(Consent.Portal.ConsentPagesCollection.Name)]
public class ConsentCampaignTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invitations_GoOncePerParentAddress_ToParentsWithResponsibility_OfPupilsInScope()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var siblings = $"siblings.{tag}@home.example";
        var (sib1, sib2) = (await PupilAsync(demo.School, "Ada", tag, "4"), await PupilAsync(demo.School, "Bea", tag, "4"));
        await ParentAsync(demo.School, [sib1, sib2], siblings.ToUpperInvariant(), responsibility: true);
        await ParentAsync(demo.School, [await PupilAsync(demo.School, "Cy", tag, "4")], null, responsibility: true);
        var carerOnly = await PupilAsync(demo.School, "Di", tag, "3");
        await ParentAsync(demo.School, [carerOnly], $"carer.{tag}@home.example", responsibility: false);
        await ParentAsync(demo.School, [await PupilAsync(demo.School, "Ed", tag, "5")], $"year5.{tag}@home.example", responsibility: true);
        await ParentAsync(demo.School, [await PupilAsync(demo.School, "Flo", tag, "4", left: true)], $"leaver.{tag}@home.example", responsibility: true);
        var (expectedAddresses, inScope, withoutEmail) = await ExpectedAsync(demo.School, ["3", "4"]);

        var manager = await app.SignedInAsync(DemoTrust.BusinessManager);
        var campaign = await StartAsync(manager, demo.School, ["3", "4"]);
        var started = TimeProvider.System.GetUtcNow();
        var page = $"/o/{demo.School}/consent/campaigns/{campaign}";
        Assert.Equal($"0 of {inScope} pupils (0%)", (await manager.GetPageAsync(page)).QuerySelector("#answered-total")!.TextContent);

        var send = await SendAsync(manager, page, "Invitations");

        var mails = Sent(started);
        Assert.Equal(expectedAddresses.Order(), mails.Select(m => m.To).Order());
        var toSiblings = Assert.Single(mails, m => m.To == siblings);
        Assert.Contains($"Ada {tag} and Bea {tag}", toSiblings.Subject);
        Assert.Contains("/parents/campaign/", toSiblings.Body);
        Assert.DoesNotContain(mails, m => m.To.Contains(tag, StringComparison.Ordinal) && m.To != siblings);
        Assert.Equal((inScope, withoutEmail, expectedAddresses.Count, expectedAddresses.Count, 0), (send.Pupils, send.PupilsWithoutEmail, send.EmailsToSend, send.EmailsSent, send.EmailsFailed));
        Assert.NotNull(send.FinishedAt);

        var after = await manager.GetPageAsync(page);
        Assert.Contains($"{expectedAddresses.Count} emails to the parents of {inScope} pupils", after.QuerySelector("#last-send")!.TextContent);
        Assert.Contains($"{withoutEmail} pupils had no email address", after.QuerySelector("#last-send")!.TextContent);
        Assert.Equal("Send reminders", after.QuerySelector("#send")!.TextContent.Trim());

        // Invitations go once: a second press (a double click, an old tab) sends nothing more.
        var invitations = $"{page}/send/invitations";
        var twice = await TestClient.ParseAsync(await manager.PostFormAsync(invitations, [new("Emails", expectedAddresses.Count.ToString())], $"{invitations}?handler=Confirm"));
        Assert.Contains("already been sent", twice.QuerySelector(".govuk-error-summary")!.TextContent);
        await using var db = app.Db.System();
        Assert.Equal(1, await db.ConsentCampaignSends.CountAsync(s => s.CampaignId == campaign, Ct));
        Assert.Equal(mails.Count, Sent(started).Count);
    }

    [Fact]
    public async Task Reminders_GoOnlyWhereNoAnswerCameSinceTheStart_AndResponseRatesCountAnswers()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var early = await PupilAsync(demo.School, "Early", tag, "R");
        var earlyParent = await ParentAsync(demo.School, [early], $"early.{tag}@home.example", responsibility: true);
        await DecideAsync(demo.School, early, earlyParent); // before the campaign: not an answer to it
        var answered = await PupilAsync(demo.School, "Answered", tag, "R");
        var answeredParent = await ParentAsync(demo.School, [answered], $"answered.{tag}@home.example", responsibility: true);
        var manager = await app.SignedInAsync(DemoTrust.BusinessManager);
        var campaign = await StartAsync(manager, demo.School, ["R", "1"]);
        var page = $"/o/{demo.School}/consent/campaigns/{campaign}";
        await SendAsync(manager, page, "Invitations");
        await DecideAsync(demo.School, answered, answeredParent);
        // A parent in the portal answers for another Reception pupil.
        var portalPupil = await AnyPupilWithParentEmailAsync(demo.School, "R", except: [early, answered]);
        await DecideAsync(demo.School, portalPupil.Pupil, portalPupil.Parent, ConsentSource.ParentPortal);

        var (_, reception, _) = await ExpectedAsync(demo.School, ["R"]);
        var (_, year1, _) = await ExpectedAsync(demo.School, ["1"]);
        var view = await manager.GetPageAsync(page);
        var rates = view.QuerySelectorAll("#rates tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent,
            r => r.QuerySelectorAll("td").Take(2).Select(c => int.Parse(c.TextContent)).ToArray());
        Assert.Equal([2, reception], rates["Reception"]);
        Assert.Equal([0, year1], rates["Year 1"]);
        Assert.Equal($"2 of {reception + year1} pupils ({(int)Math.Round(200.0 / (reception + year1))}%)", view.QuerySelector("#answered-total")!.TextContent);
        var waiting = view.QuerySelector("#not-answered")!.TextContent;
        Assert.Contains($"Early {tag}", waiting);
        Assert.DoesNotContain($"Answered {tag}", waiting);

        var (unanswered, _, _) = await ExpectedAsync(demo.School, ["R", "1"], exceptPupils: [answered, portalPupil.Pupil]);
        var started = TimeProvider.System.GetUtcNow();
        var send = await SendAsync(manager, page, "Reminders");

        var reminders = Sent(started);
        Assert.All(reminders, m => Assert.StartsWith("Reminder:", m.Subject));
        Assert.Equal(unanswered.Order(), reminders.Select(m => m.To).Order());
        Assert.Contains(reminders, m => m.To == $"early.{tag}@home.example");
        Assert.DoesNotContain(reminders, m => m.To == $"answered.{tag}@home.example");
        Assert.Equal((CampaignSendKind.Reminders, reception + year1 - 2, unanswered.Count), (send.Kind, send.Pupils, send.EmailsSent));
    }

    [Fact]
    public async Task ResponseRates_ArePerClassToo_AndWhoHasNotAnswered_Downloads_WithNoCellThatRunsAsAFormula()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (oak, elm) = (await ClassAsync(demo.School, $"Oak {tag}", "6"), await ClassAsync(demo.School, $"Elm {tag}", "6"));
        var answered = await PupilAsync(demo.School, "Answered", tag, "6", classId: oak);
        var answeredParent = await ParentAsync(demo.School, [answered], $"answered.{tag}@home.example", responsibility: true);
        await PupilAsync(demo.School, "Waiting", tag, "6", classId: oak);
        await PupilAsync(demo.School, "=HYPERLINK(\"http://evil.example\")", tag, "6", classId: elm);
        var manager = await app.SignedInAsync(DemoTrust.BusinessManager);
        var campaign = await StartAsync(manager, demo.School, ["6"]);
        var page = $"/o/{demo.School}/consent/campaigns/{campaign}";
        await DecideAsync(demo.School, answered, answeredParent);

        var view = await manager.GetPageAsync(page);
        int[] Rate(Guid classId) => view.QuerySelector($"#class-rates tr[data-class='{classId}']")!.QuerySelectorAll("td").Skip(1).Take(2).Select(c => int.Parse(c.TextContent)).ToArray();
        Assert.Equal([1, 2], Rate(oak));
        Assert.Equal([0, 1], Rate(elm));
        Assert.Contains("50%", view.QuerySelector($"#class-rates tr[data-class='{oak}']")!.TextContent);

        var download = await manager.GetAsync(view.QuerySelector("#download-not-answered")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".csv", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        var lines = (await download.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("Pupil,Year group,Class,Parent email", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"Waiting {tag},Year 6,Oak {tag},None: send a paper form", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"'=HYPERLINK(", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith($"Answered {tag}", StringComparison.Ordinal));
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.NotEqual(HttpStatusCode.OK, (await teacher.GetAsync($"{page}?handler=NotAnswered")).StatusCode);
    }

    [Fact]
    public async Task StartingACampaign_WithoutSayingWhoOrWithoutAName_SaysWhatToFix()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var manager = await app.SignedInAsync(DemoTrust.BusinessManager);
        var url = $"/o/{demo.School}/consent/campaigns/new";
        async Task<string> ErrorsAsync(params (string, string)[] fields) =>
            (await TestClient.ParseAsync(await manager.PostFormAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)))))
                .QuerySelector(".govuk-error-summary")!.TextContent;

        Assert.Contains("Select whether to ask the whole school or chosen year groups", await ErrorsAsync(("Name", "Start of year")));
        Assert.Contains("Select at least one year group", await ErrorsAsync(("Name", "Start of year"), ("Scope", "year-groups")));
        Assert.Contains("Enter a name for the campaign", await ErrorsAsync(("Name", " "), ("Scope", "whole-school")));
        Assert.Contains("Choose year groups that have pupils on roll", await ErrorsAsync(("Name", "x"), ("Scope", "year-groups"), ("YearGroups", "12")));
        await using var db = app.Db.System();
        Assert.False(await db.ConsentCampaigns.AnyAsync(c => c.Name == "Start of year" || c.Name == "x", Ct));
    }

    [Fact]
    public async Task OnlyThoseWhoManageConsent_SeeCampaigns_AndOnlyTheirSchools()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var manager = await app.SignedInAsync(DemoTrust.BusinessManager);
        var nav = (await manager.GetPageAsync($"/o/{demo.School}/consent")).QuerySelector(".govuk-service-navigation")!.TextContent;
        Assert.Contains("Consent campaigns", nav);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.DoesNotContain("Consent campaigns", (await teacher.GetPageAsync($"/o/{demo.School}/consent")).QuerySelector(".govuk-service-navigation")!.TextContent);
        Assert.Contains((await teacher.GetAsync($"/o/{demo.School}/consent/campaigns")).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Redirect });

        var other = await app.SignedInAsync(DemoTrust.OtherHeadteacher);
        var theirs = await StartAsync(other, demo.OtherSchool, []);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/o/{demo.School}/consent/campaigns/{theirs}")).StatusCode);
        var token = (await manager.GetPageAsync($"/o/{demo.School}/consent/campaigns")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostWithTokenAsync($"/o/{demo.School}/consent/campaigns/{theirs}/send/invitations?handler=Confirm", token, [new("Emails", "0")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/o/{demo.School}/consent/campaigns/{theirs}/paper-forms")).StatusCode);
        await using var db = app.Db.System();
        Assert.False(await db.ConsentCampaignSends.AnyAsync(s => s.CampaignId == theirs, Ct));
    }

    private static async Task<Guid> StartAsync(TestClient client, Guid school, string[] years)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Name", "Photo consent test"), new("Scope", years.Length == 0 ? "whole-school" : "year-groups") };
        fields.AddRange(years.Select(y => new KeyValuePair<string, string>("YearGroups", y)));
        var response = await client.PostFormAsync($"/o/{school}/consent/campaigns/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    public const string Contact = "The school office: office@alder.example, 01234 567890";

    /// <summary>Sets the closing date and contact details, confirms the number of emails the preview shows, then waits for the background sending to finish and returns its row.</summary>
    private async Task<ConsentCampaignSend> SendAsync(TestClient client, string page, string handler)
    {
        var url = $"{page}/send/{handler.ToLowerInvariant()}";
        var closes = UkTime.Today(TimeProvider.System).AddDays(21);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url, [new("ClosesOn.Day", closes.Day.ToString()), new("ClosesOn.Month", closes.Month.ToString()),
            new("ClosesOn.Year", closes.Year.ToString()), new("ContactDetails", Contact)], $"{url}?handler=Details")).StatusCode);
        var emails = (await client.GetPageAsync(url)).QuerySelector("input[name=Emails]")!.GetAttribute("value")!;
        var response = await client.PostFormAsync(url, [new("Emails", emails)], $"{url}?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var campaign = Guid.Parse(page.Split('/')[^1]);
        await using var db = app.Db.System();
        var send = await db.ConsentCampaignSends.Where(s => s.CampaignId == campaign).OrderByDescending(s => s.StartedAt).FirstAsync(Ct);
        await app.Services.GetRequiredService<CampaignMailQueue>().FinishedAsync(send.Id).WaitAsync(Ct);
        await using var after = app.Db.System();
        return await after.ConsentCampaignSends.SingleAsync(s => s.Id == send.Id, Ct);
    }

    private List<StoredMail> Sent(DateTimeOffset since) =>
        app.Services.GetRequiredService<FolderMailSender>().Read().Where(m => m.Sent >= since && m.Subject.Contains("consent", StringComparison.Ordinal)).ToList();

    /// <summary>Worked out here from the records, not by the service: the addresses to email, pupils in scope, and those with no address.</summary>
    private async Task<(List<string> Addresses, int Pupils, int WithoutEmail)> ExpectedAsync(Guid school, string[] years, Guid[]? exceptPupils = null)
    {
        await using var db = app.Db.System();
        var today = UkTime.Today(TimeProvider.System);
        var pupils = await db.Pupils.Where(p => p.OrganisationId == school && years.Contains(p.YearGroup!) && (p.LeavingDate == null || p.LeavingDate > today))
            .Select(p => new { p.Id, Emails = p.Parents.Where(l => l.HasParentalResponsibility).Select(l => l.Parent!.Email).ToList() }).ToListAsync(Ct);
        pupils = pupils.Where(p => exceptPupils?.Contains(p.Id) != true).ToList();
        var emails = pupils.Select(p => p.Emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!.Trim().ToLowerInvariant()).ToList()).ToList();
        return (emails.SelectMany(e => e).Distinct().ToList(), pupils.Count, emails.Count(e => e.Count == 0));
    }

    private async Task<Guid> ClassAsync(Guid school, string name, string year)
    {
        await using var db = app.Db.System();
        var cls = new SchoolClass { Id = Guid.NewGuid(), OrganisationId = school, Name = name, YearGroup = year };
        db.SchoolClasses.Add(cls);
        await db.SaveChangesAsync(Ct);
        return cls.Id;
    }

    private async Task<Guid> PupilAsync(Guid school, string first, string last, string year, bool left = false, Guid? classId = null)
    {
        await using var db = app.Db.System();
        var pupil = new Pupil
        {
            Id = Guid.NewGuid(), OrganisationId = school, LegalFirstName = first, LegalLastName = last, YearGroup = year, ClassId = classId,
            LeavingDate = left ? UkTime.Today(TimeProvider.System).AddDays(-1) : null,
        };
        db.Pupils.Add(pupil);
        await db.SaveChangesAsync(Ct);
        return pupil.Id;
    }

    private async Task<Guid> ParentAsync(Guid school, Guid[] children, string? email, bool responsibility)
    {
        await using var db = app.Db.System();
        var parent = new Parent { Id = Guid.NewGuid(), OrganisationId = school, FirstName = "Parent", LastName = "Of " + children.Length, Email = email };
        db.Parents.Add(parent);
        foreach (var child in children)
            db.PupilParents.Add(new PupilParent { Id = Guid.NewGuid(), OrganisationId = school, PupilId = child, ParentId = parent.Id, Relationship = "Parent", HasParentalResponsibility = responsibility });
        await db.SaveChangesAsync(Ct);
        return parent.Id;
    }

    private async Task DecideAsync(Guid school, Guid pupil, Guid parent, ConsentSource source = ConsentSource.PaperForm)
    {
        await using var db = app.Db.LimitedTo(school);
        var outcome = await new ConsentRegister(db, TimeProvider.System).RecordAsync(school, pupil, ConsentPurpose.SchoolWebsite, ConsentDecision.Given,
            ConsentDecider.ByParent(parent), new ConsentProvenance(source, "Office"), ConsentPolicy.Default, ct: Ct);
        Assert.True(outcome.Succeeded);
    }

    private async Task<(Guid Pupil, Guid Parent)> AnyPupilWithParentEmailAsync(Guid school, string year, Guid[] except)
    {
        await using var db = app.Db.System();
        var link = await db.PupilParents.Where(l => l.OrganisationId == school && l.HasParentalResponsibility && l.Parent!.Email != null
                && l.Pupil!.YearGroup == year && l.Pupil.LeavingDate == null && !except.Contains(l.PupilId))
            .OrderBy(l => l.PupilId).FirstAsync(Ct);
        return (link.PupilId, link.ParentId);
    }
}
