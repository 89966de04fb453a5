using System.Text;
using SafeSocial.Core.Roster;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Roster;

/// <summary>Five megabytes of junk in place of a roster file must be refused at once, with a message a person can act on.</summary>
public class JunkFileTests(PostgresServer server)
{
    private const int FiveMegabytes = 5 * 1024 * 1024;

    private async Task<RosterPreview> PreviewWithUsersAsync(byte[] users)
    {
        var folder = RosterFixtures.Copy("oneroster-1.1");
        await File.WriteAllBytesAsync(Path.Combine(folder, "users.csv"), users, TestContext.Current.CancellationToken);
        var school = await RosterSchool.CreateAsync(server, "org-sch-lark");
        return await school.PreviewAsync(folder);
    }

    [Fact]
    public async Task RandomBytes_AreNotACsvFile()
    {
        var junk = new byte[FiveMegabytes];
        new Random(5).NextBytes(junk);

        var preview = await PreviewWithUsersAsync(junk);

        var error = Assert.Single(preview.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(("users.csv", "users.csv is not a CSV file: it holds binary data, not text. Export the roster again as CSV (comma-separated values)."), (error.File, error.Message));
        Assert.True(preview.RowsRead < 50, "only the other, small files were read"); // not a row of the junk
    }

    [Fact]
    public async Task TextWithoutAHeader_IsStoppedAtTheFirstLine()
    {
        var text = new StringBuilder();
        var words = new[] { "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit" };
        for (var i = 0; text.Length < FiveMegabytes; i++) text.Append(words[i % words.Length]).Append(i % 13 == 0 ? '\n' : ' ');

        var preview = await PreviewWithUsersAsync(Encoding.UTF8.GetBytes(text.ToString()));

        var error = Assert.Single(preview.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(("users.csv", (int?)1), (error.File, error.Line));
        Assert.StartsWith("The first line of users.csv should name its columns (sourcedId, orgSourcedIds, role, givenName, familyName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuoteOpeningFiveMegabytes_IsStoppedWithoutReadingItAll()
    {
        var text = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName\n\"" + new string('x', FiveMegabytes);

        var preview = await PreviewWithUsersAsync(Encoding.UTF8.GetBytes(text));

        var error = Assert.Single(preview.Problems, p => p.Severity == ProblemSeverity.Error && p.File == "users.csv");
        Assert.StartsWith("A value starting around line 2 runs on for more than 256 KB, usually because a quote mark (\") opens a value and never closes.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARosterHeaderOverJunkLines_StopsAfterTheProblemLimit()
    {
        var text = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName\n");
        for (var i = 0; text.Length < FiveMegabytes; i++) text.Append("junk;").Append(i).Append(";more junk here\n");

        var preview = await PreviewWithUsersAsync(Encoding.UTF8.GetBytes(text.ToString()));

        var users = preview.Problems.Where(p => p.File == "users.csv").ToList();
        Assert.Equal(RosterProblems.PerFileLimit + 1, users.Count);
        Assert.StartsWith("Stopped checking users.csv after 500 problems.", users[^1].Message, StringComparison.Ordinal);
    }
}
