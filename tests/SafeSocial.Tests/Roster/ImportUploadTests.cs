using Microsoft.AspNetCore.Http;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Import;

namespace SafeSocial.Tests.Roster;

/// <summary>The upload form's checks and the store that keeps uploads between the steps.</summary>
public class ImportUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FormFile File(string name, long length) => new(new MemoryStream("abc"u8.ToArray()), 0, length, "Files", name);

    [Fact]
    public void FilesOverTheLimit_AreTooBig()
    {
        Assert.Equal("The selected files must be smaller than 50MB",
            UploadCheck.Problem([File("users.csv", 30L * 1024 * 1024), File("orgs.csv", 21L * 1024 * 1024)]));
        Assert.Null(UploadCheck.Problem([File("users.csv", 30L * 1024 * 1024), File("orgs.csv", 20L * 1024 * 1024)]));
    }

    [Fact]
    public void AnEmptyFile_IsNamed() =>
        Assert.Equal("users.csv is empty", UploadCheck.Problem([File("users.csv", 0)]));

    [Theory]
    [InlineData("../../etc/passwd.csv", "passwd.csv")]
    [InlineData(@"C:\Users\office\Desktop\users.csv", "users.csv")]
    [InlineData("rôle; rm -rf.csv", "r_le_ rm -rf.csv")]
    [InlineData("..", "upload")]
    public void UploadedFileNames_AreNeverPaths(string given, string kept) =>
        Assert.Equal(kept, ImportUploads.SafeName(given));

    [Fact]
    public async Task AnUpload_IsFoundOnlyForItsOwnSchool_AndSweptAfterADay()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var store = new ImportUploads(RosterFixtures.TempFolder(), clock);
        var school = Guid.NewGuid();
        var upload = await store.CreateAsync(school, Guid.NewGuid(), "Sam Brook", [File("users.csv", 3)], Ct);

        Assert.True(ImportUploads.IsId(upload.Id));
        Assert.NotNull(store.Find(school, upload.Id));
        Assert.Null(store.Find(Guid.NewGuid(), upload.Id));
        Assert.Null(store.Find(school, "../" + upload.Id));
        Assert.Equal(["users.csv"], Directory.GetFiles(store.FilesFolder(upload.Id)).Select(Path.GetFileName));

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, store.Sweep());
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(store.Find(school, upload.Id));
        Assert.Equal(1, store.Sweep());
        Assert.Empty(Directory.GetDirectories(store.Root));
    }
}
