using Microsoft.Extensions.Logging.Abstractions;
using SafeSocial.Web.Import;

namespace SafeSocial.Tests.Roster;

/// <summary>The progress page says an upload waits for another import only when one is queued or running ahead of it.</summary>
public class ImportQueueTests
{
    [Fact]
    public void TheFirstUpload_Starts_AndOnlyOneBehindItWaits()
    {
        var queue = new ImportQueue(null!, new ImportUploads(RosterFixtures.TempFolder(), TimeProvider.System), NullLogger<ImportQueue>.Instance, TimeProvider.System);

        queue.Enqueue(new ImportWork(new string('a', 32), Guid.NewGuid(), null, "Test", null));
        queue.Enqueue(new ImportWork(new string('b', 32), Guid.NewGuid(), null, "Test", null));

        Assert.Equal("Starting", queue.ProgressOf(new string('a', 32))!.Stage);
        Assert.Equal("Waiting for another import to finish", queue.ProgressOf(new string('b', 32))!.Stage);
    }
}
