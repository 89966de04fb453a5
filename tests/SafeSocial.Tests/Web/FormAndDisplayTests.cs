using Microsoft.AspNetCore.Mvc.ModelBinding;
using SafeSocial.Core;
using SafeSocial.Web.Forms;
using SafeSocial.Web.Pages.Audit;

namespace SafeSocial.Tests.Web;

public class FormAndDisplayTests
{
    private static (DateOnly? Date, string? Key, string? Message) Read(string? day, string? month, string? year, string? whenMissing = null)
    {
        var state = new ModelStateDictionary();
        var date = new DateParts { Day = day, Month = month, Year = year }.Read(state, "Written", "Date written", whenMissing);
        var error = state.FirstOrDefault(kv => kv.Value?.Errors.Count > 0);
        return (date, error.Key, error.Value?.Errors[0].ErrorMessage);
    }

    [Fact]
    public void DateParts_ARealDate_IsRead() => Assert.Equal((new DateOnly(2026, 2, 28), null, null), Read(" 28 ", "2", "2026"));

    [Theory]
    [InlineData("", "", "", null, null)]
    [InlineData("", "", "", "Written", "Enter the date")]
    [InlineData("", "3", "2026", "Written", "Date written must include a day")]
    [InlineData("1", "", "2026", "Written.Month", "Date written must include a month")]
    [InlineData("1", "", "", "Written.Month", "Date written must include a month and year")]
    [InlineData("1", "3", "26", "Written.Year", "Year must include 4 numbers")]
    [InlineData("29", "2", "2026", "Written", "Date written must be a real date")]
    [InlineData("1", "13", "2026", "Written", "Date written must be a real date")]
    [InlineData("one", "3", "2026", "Written", "Date written must be a real date")]
    public void DateParts_WhatIsWrong_IsSaidUnderTheBoxToFix(string day, string month, string year, string? key, string? message)
    {
        var result = Read(day, month, year, whenMissing: message == "Enter the date" ? message : null);
        Assert.Null(result.Date);
        Assert.Equal((key, message), (result.Key, result.Message));
    }

    [Fact]
    public void UkTime_ShowsLondonTime_InTheGovUkStyle()
    {
        Assert.Equal("1 July 2026 at 1:05pm", UkTime.Format(new DateTimeOffset(2026, 7, 1, 12, 5, 0, TimeSpan.Zero)));
        Assert.Equal("14 January 2026 at 9:30am", UkTime.Format(new DateTimeOffset(2026, 1, 14, 9, 30, 0, TimeSpan.Zero)));
        Assert.Equal("2 July 2026 at midnight", UkTime.Format(new DateTimeOffset(2026, 7, 1, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal("14 January 2026 at midday", UkTime.Format(new DateTimeOffset(2026, 1, 14, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 7, 2), UkTime.Today(new Infrastructure.FakeClock(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero))));
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), UkTime.StartOfDay(new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void AuditDisplay_TurnsStoredNamesAndJsonIntoWords()
    {
        Assert.Equal("Legal first name", AuditDisplay.Words("LegalFirstName"));
        Assert.Equal("Staff member", AuditDisplay.RecordType("StaffMember"));
        Assert.Equal("Sign-in token", AuditDisplay.RecordType("IdentityUserToken`1"));
        Assert.Equal("Changed", AuditDisplay.Action("Modified"));
        Assert.Equal("Signed in", AuditDisplay.Action("SignedIn"));

        var rows = AuditDisplay.Changes("""{"YearGroup":["3","4"],"LeavingDate":[null,"2026-07-22"],"IsNamedOnlineSafetyGovernor":[false,true],"Sequence":[1,2]}""");

        Assert.Equal(
            [new("Year group", "3", "4"), new("Leaving date", "Not set", "22 July 2026"), new("Is named online safety governor", "No", "Yes"), new AuditChangeRow("Sequence", "1", "2")],
            rows);
        Assert.Equal([new AuditChangeRow("Details", "", "not json {")], AuditDisplay.Changes("not json {"));
        Assert.Empty(AuditDisplay.Changes(null));
    }
}
