using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Tests.People;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.Consent.Portal;

/// <summary>The application on a clock the test moves, for the parent portal's pages.</summary>
public sealed class PortalAppFixture(PostgresServer server) : AppFixture(server)
{
    public FakeClock FakeClock { get; } = new(TimeProvider.System.GetUtcNow());
    protected override TimeProvider Clock => FakeClock;
}

/// <summary>A family made for one test in the demo trust, with addresses no other test uses.</summary>
internal sealed record PortalFamily(string Email, string StepEmail, Guid Child, string ChildName, Guid OtherSchoolChild, string OtherSchoolChildName,
    string OtherFamilyEmail, Guid OtherFamilyChild, string OtherFamilyChildName, Guid School);

/// <summary>The parent portal through HTTP, as a parent's browser uses it: ask for a link, read it from the mail folder, press the button.</summary>
internal static partial class PortalPages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A mother with a child at each demo school (a parent record at each, one address), her child's step-parent
    /// without parental responsibility, and another family at the first school.
    /// </summary>
    public static async Task<PortalFamily> FamilyAsync(AppFixture app)
    {
        var demo = await DemoTrust.LoadAsync(app);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var surname = $"Portal{tag}";
        await using var db = app.Db.System();
        Pupil Pupil(Guid school, string first, string last) => new() { Id = Guid.NewGuid(), OrganisationId = school, LegalFirstName = first, LegalLastName = last, YearGroup = "3" };
        Parent Parent(Guid school, string first, string last, string email) => new() { Id = Guid.NewGuid(), OrganisationId = school, FirstName = first, LastName = last, Email = email };
        PupilParent Link(Pupil p, Parent parent, string relationship, bool responsibility) =>
            new() { Id = Guid.NewGuid(), OrganisationId = p.OrganisationId, PupilId = p.Id, ParentId = parent.Id, Relationship = relationship, HasParentalResponsibility = responsibility };

        var email = $"ann.{tag}@home.example";
        var (child, otherSchoolChild, otherFamilyChild) = (Pupil(demo.School, "Sam", surname), Pupil(demo.OtherSchool, "Mia", surname), Pupil(demo.School, "Zed", $"Other{tag}"));
        var (mother, motherThere, step, other) = (Parent(demo.School, "Ann", surname, email), Parent(demo.OtherSchool, "Ann", surname, email),
            Parent(demo.School, "Cal", surname, $"cal.{tag}@home.example"), Parent(demo.School, "Pat", $"Other{tag}", $"pat.{tag}@home.example"));
        db.Pupils.AddRange(child, otherSchoolChild, otherFamilyChild);
        db.Parents.AddRange(mother, motherThere, step, other);
        db.PupilParents.AddRange(Link(child, mother, "Mother", true), Link(otherSchoolChild, motherThere, "Mother", true),
            Link(child, step, "Step-parent", false), Link(otherFamilyChild, other, "Father", true));
        await db.SaveChangesAsync(Ct);
        return new PortalFamily(email, step.Email!, child.Id, $"Sam {surname}", otherSchoolChild.Id, $"Mia {surname}",
            other.Email!, otherFamilyChild.Id, $"Zed Other{tag}", demo.School);
    }

    public static async Task<HttpResponseMessage> RequestLinkAsync(TestClient client, string email) =>
        await client.PostFormAsync("/parents/sign-in", [new("Email", email)]);

    /// <summary>Every email to the address so far, newest first, once the outbox has sent what it holds.</summary>
    public static async Task<IReadOnlyList<StoredMail>> MailToAsync(AppFixture app, string email)
    {
        await app.Services.GetRequiredService<MailOutbox>().EmptyAsync().WaitAsync(Ct);
        return app.Services.GetRequiredService<FolderMailSender>().Read().Where(m => m.To == email).ToList();
    }

    /// <summary>The paths of every sign-in link emailed to the address. (Mails written at one fake instant have no order.)</summary>
    public static async Task<IReadOnlyList<string>> LinksAsync(AppFixture app, string email) =>
        (await MailToAsync(app, email)).Where(m => m.Subject.Contains("sign in", StringComparison.Ordinal))
            .Select(m => new Uri(SignInLink().Match(m.Body).Value).PathAndQuery).ToList();

    /// <summary>The one sign-in link emailed to the address.</summary>
    public static async Task<string> LinkAsync(AppFixture app, string email) => Assert.Single(await LinksAsync(app, email));

    /// <summary>Asks for a link, opens it and presses the button: a client signed in to the portal.</summary>
    public static async Task<TestClient> SignedInAsync(AppFixture app, string email)
    {
        var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await RequestLinkAsync(client, email)).StatusCode);
        var link = await LinkAsync(app, email);
        var signedIn = await client.PostFormAsync(link, []);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/parents", signedIn.Headers.Location!.OriginalString);
        return client;
    }

    /// <summary>Posts to a page that answers with other than 200 (an expired link's page), with a token from a page that does.</summary>
    public static async Task<HttpResponseMessage> PostAsync(TestClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string tokenFrom = "/parents/sign-in")
    {
        var page = await TestClient.ParseAsync(await client.GetAsync(tokenFrom));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostWithTokenAsync(url, token, fields);
    }

    public static IEnumerable<KeyValuePair<string, string>> Answers(string all, params (string Key, string Answer)[] changes) =>
        Core.Consent.ConsentPurpose.Defaults.Select(p => new KeyValuePair<string, string>($"Answers[{p.Key}]", changes.FirstOrDefault(c => c.Key == p.Key).Answer ?? all));

    public static async Task<int> RecordsAsync(AppFixture app, params Guid[] pupils)
    {
        await using var db = app.Db.System();
        return await db.ConsentRecords.CountAsync(r => pupils.Contains(r.PupilId), Ct);
    }

    [GeneratedRegex(@"http://localhost/parents/link/[A-Za-z0-9_-]+")]
    private static partial Regex SignInLink();
}
