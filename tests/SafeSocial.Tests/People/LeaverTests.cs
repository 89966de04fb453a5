using System.Net;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.People;

/// <summary>Its own fixture: the teacher it records as leaving stays left.</summary>
public class LeaverTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task SomeoneRecordedAsLeft_LosesAccess_AtTheirNextRequest()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var teacherStaff = await DemoTrust.StaffAsync(app, DemoTrust.Teacher);
        var teacher = await app.SignedInAsync(DemoTrust.Teacher);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/o/{demo.School}/pupils")).StatusCode);

        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var yesterday = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-1);
        var response = await head.PostFormAsync($"/o/{demo.School}/staff/{teacherStaff.Id}/leaving",
            [new("LeavingDate.Day", $"{yesterday.Day}"), new("LeavingDate.Month", $"{yesterday.Month}"), new("LeavingDate.Year", $"{yesterday.Year}"), new("Reason", "Moved to another school")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/o/{demo.School}/pupils")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/o/{demo.School}")).StatusCode);
        var home = await teacher.GetPageAsync("/");
        Assert.Contains("You do not have a role in any school", home.QuerySelector("main")!.TextContent);

        // Still listed among leavers; never deleted.
        var list = await head.GetPageAsync($"/o/{demo.School}/staff?leavers=true&search={teacherStaff.LastName}");
        Assert.Contains("Left", list.QuerySelector("#staff")!.TextContent);
        var current = await head.GetPageAsync($"/o/{demo.School}/staff?search={teacherStaff.LastName}+{teacherStaff.FirstName}");
        Assert.Null(current.QuerySelector("#staff"));
    }

    [Fact]
    public async Task LeavingDate_IsRequiredAndMustBeReal()
    {
        var demo = await DemoTrust.LoadAsync(app);
        var volunteer = await DemoTrust.StaffAsync(app, DemoTrust.Volunteer);
        var head = await app.SignedInAsync(DemoTrust.Headteacher);
        var url = $"/o/{demo.School}/staff/{volunteer.Id}/leaving";

        var empty = await TestClient.ParseAsync(await head.PostFormAsync(url, []));
        Assert.Contains("Enter the leaving date", empty.QuerySelector(".govuk-error-summary")!.TextContent);
        var partial = await TestClient.ParseAsync(await head.PostFormAsync(url, [new("LeavingDate.Day", "31"), new("LeavingDate.Year", "2026")]));
        Assert.Contains("Leaving date must include a month", partial.QuerySelector(".govuk-error-summary")!.TextContent);
        var unreal = await TestClient.ParseAsync(await head.PostFormAsync(url, [new("LeavingDate.Day", "31"), new("LeavingDate.Month", "2"), new("LeavingDate.Year", "2026")]));
        Assert.Contains("Leaving date must be a real date", unreal.QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal("31", unreal.QuerySelector("#LeavingDate")!.GetAttribute("value"));
    }
}
