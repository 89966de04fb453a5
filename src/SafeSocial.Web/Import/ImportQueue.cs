using System.Collections.Concurrent;
using System.Threading.Channels;
using SafeSocial.Core.Data;
using SafeSocial.Core.Roster;

namespace SafeSocial.Web.Import;

/// <summary>A check or an apply of one upload, with who asked for it, for the audit trail.</summary>
public sealed record ImportWork(string UploadId, Guid OrganisationId, Guid? UserId, string UserName, string? IpAddress);

/// <summary>
/// Runs the checks and applies of roster imports one at a time in the background, so a large file does not
/// hold a request open; the progress page reads how far each has got. Once an hour it deletes uploads older
/// than a day.
/// </summary>
public sealed class ImportQueue(IServiceScopeFactory scopes, ImportUploads uploads, ILogger<ImportQueue> log, TimeProvider clock) : BackgroundService
{
    private readonly Channel<ImportWork> _work = Channel.CreateUnbounded<ImportWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, RosterProgress> _progress = new();
    // Work queued or running: a new upload waits only when there is some.
    private int _inQueue;

    /// <summary>How far the work on an upload has got; null when it is not queued or running in this process.</summary>
    public RosterProgress? ProgressOf(string uploadId) => _progress.TryGetValue(uploadId, out var p) ? p : null;

    public void Enqueue(ImportWork work)
    {
        var ahead = Interlocked.Increment(ref _inQueue) - 1;
        _progress[work.UploadId] = new RosterProgress(ahead > 0 ? "Waiting for another import to finish" : "Starting", 0, 1, 0);
        _work.Writer.TryWrite(work);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepHourlyAsync(stoppingToken);
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
        {
            _progress[work.UploadId] = new RosterProgress("Starting", 0, 1, 0);
            try { await RunAsync(work, stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                log.LogError(e, "Roster import {UploadId} failed", work.UploadId);
                if (uploads.Find(work.OrganisationId, work.UploadId) is { } upload)
                {
                    upload.State = ImportState.Failed;
                    upload.Failure = upload.ApplyRequested
                        ? "Something went wrong while the import was being applied, so nothing was changed: the import is applied all at once or not at all. Try again, and if it happens again, tell your IT support."
                        : "Something went wrong while the files were being checked. Try again, and if it happens again, tell your IT support.";
                    uploads.Save(upload);
                }
            }
            finally
            {
                _progress.TryRemove(work.UploadId, out _);
                Interlocked.Decrement(ref _inQueue);
            }
        }
        await sweeping;
    }

    private async Task RunAsync(ImportWork work, CancellationToken ct)
    {
        var upload = uploads.Find(work.OrganisationId, work.UploadId);
        if (upload is null) return;
        var applying = upload.ApplyRequested;
        upload.State = applying ? ImportState.Applying : ImportState.Checking;
        uploads.Save(upload);

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SafeSocialDb>();
        db.Scope.LimitTo([work.OrganisationId]);
        db.Audit.ActAs(work.UserId, work.UserName, work.IpAddress);
        var service = scope.ServiceProvider.GetRequiredService<RosterImportService>();
        var options = new RosterImportOptions(upload.SchoolSourcedId, upload.UploadedBy, upload.SchoolConfirmed);
        var progress = new Reporter(p => _progress[work.UploadId] = p);
        var files = uploads.FilesFolder(upload.Id);

        if (!applying)
        {
            uploads.SavePreview(upload.Id, await service.PreviewAsync(work.OrganisationId, files, options, progress, ct));
            upload.State = ImportState.Checked;
            uploads.Save(upload);
            return;
        }

        var expected = uploads.Preview(upload.Id)?.Fingerprint;
        var result = await service.ApplyAsync(work.OrganisationId, files, options, expected, progress, ct);
        upload.ApplyRequested = false;
        if (result.Outcome == RosterImportOutcome.Applied)
        {
            uploads.SaveResult(upload.Id, result.Preview);
            uploads.DeleteFiles(upload.Id);
            upload.State = ImportState.Applied;
            log.LogInformation("Roster import {UploadId} applied to {OrganisationId}: {Changes} changes", upload.Id, work.OrganisationId, result.Preview.TotalChanges);
        }
        else
        {
            // The files or the school's records changed since the preview: show the new preview instead.
            uploads.SavePreview(upload.Id, result.Preview);
            upload.ChangedSincePreview = true;
            upload.State = ImportState.Checked;
        }
        uploads.Save(upload);
    }

    private async Task SweepHourlyAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                var deleted = uploads.Sweep();
                if (deleted > 0) log.LogInformation("Deleted {Count} roster uploads older than a day", deleted);
            }
            catch (IOException e) { log.LogWarning(e, "Could not sweep old roster uploads"); }
        }
        while (await WaitAsync(timer, ct));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Reports on the worker's own thread: no synchronisation context to post to.</summary>
    private sealed class Reporter(Action<RosterProgress> report) : IProgress<RosterProgress>
    {
        public void Report(RosterProgress value) => report(value);
    }
}

public static class ImportSetup
{
    /// <summary>The roster import's upload store and background queue.</summary>
    public static IServiceCollection AddRosterImport(this IServiceCollection services, string dataFolder)
    {
        services.AddSingleton(sp => new ImportUploads(Path.Combine(dataFolder, "imports"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ImportQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportQueue>());
        return services;
    }
}
