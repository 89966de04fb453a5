using System.Text;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>Every value from the files is checked before anything is applied: encoding, hidden characters, length.</summary>
public class ImportedTextTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(RosterSchool School, string Folder)> EditedAsync(Func<string, string> users)
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        RosterFixtures.Edit(folder, "users.csv", users);
        return (await RosterSchool.CreateAsync(server, "org-sch-lark"), folder);
    }

    [Fact]
    public async Task TextThatIsNotUtf8_IsRefused_NamingTheFileAndLine()
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        var path = Path.Combine(folder, "users.csv");
        var text = await File.ReadAllTextAsync(path, Ct);
        var at = text.IndexOf("Daniel", StringComparison.Ordinal); // on line 3
        // "Bad" 0xFF 0xFE "Name": Windows text, or damage, never UTF-8.
        await File.WriteAllBytesAsync(path, [.. Encoding.UTF8.GetBytes(text[..at]), .. "Bad"u8, 0xFF, 0xFE, .. "Name"u8, .. Encoding.UTF8.GetBytes(text[(at + 6)..])], Ct);
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");

        var result = await school.ApplyAsync(folder);

        Assert.Equal(RosterImportOutcome.HasErrors, result.Outcome);
        var error = Assert.Single(result.Preview.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(("users.csv", (int?)3), (error.File, error.Line));
        Assert.StartsWith("users.csv is not saved as UTF-8 text: line 3 has a character that is not UTF-8 (byte FF)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await school.PupilsAsync());
    }

    [Fact]
    public async Task DirectionOverridesAndControlCharacters_AreRemoved_AndThePreviewSaysWhich()
    {
        var (school, folder) = await EditedAsync(t => t.Replace(",Amelia,Hart,", ",\"Ame\u202Elia\",\"Hart\u0007\",", StringComparison.Ordinal));

        var result = await school.ApplyCleanAsync(folder);

        var warnings = result.Preview.Problems.Where(p => p.Severity == ProblemSeverity.Warning && p.File == "users.csv").ToList();
        Assert.Contains(warnings, w => w.Column == "givenName" && w.Message.StartsWith("This value held direction-changing characters (such as right-to-left override, U+202E)", StringComparison.Ordinal)
            && w.Message.Contains("reads the value as \"Amelia\"", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Column == "familyName" && w.Message.StartsWith("This value held control characters", StringComparison.Ordinal));
        var amelia = (await school.PupilsAsync()).Single(p => p.SourcedId == "usr-lark-s-101");
        Assert.Equal(("Amelia", "Hart"), (amelia.LegalFirstName, amelia.LegalLastName));
    }

    [Fact]
    public async Task AValueTooLongForItsColumn_IsAnError_AndNothingIsApplied()
    {
        var (school, folder) = await EditedAsync(t => t.Replace(",Amelia,", $",{new string('A', 10_000)},", StringComparison.Ordinal));

        var result = await school.ApplyAsync(folder);

        Assert.Equal(RosterImportOutcome.HasErrors, result.Outcome);
        var error = Assert.Single(result.Preview.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(("users.csv", (int?)5, "I (givenName)"), (error.File, error.Line, error.ColumnDisplay));
        Assert.StartsWith("This value is 10,000 characters long; a first name can be at most 100.", error.Message, StringComparison.Ordinal);
        Assert.Empty(await school.PupilsAsync());
    }
}
