using System.Net;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SafeSocial.Core.Accounts.Custody;
using SafeSocial.Core.Accounts.Vault;
using SafeSocial.Core.Demo;
using SafeSocial.Tests.Infrastructure;
using SafeSocial.Web.Mail;

namespace SafeSocial.Tests.Accounts;

/// <summary>The application on a fake clock, with a mail server the test can make refuse every email.</summary>
public sealed class FlakyMailFixture(PostgresServer server) : AppFixture(server)
{
    public FakeClock FakeClock { get; } = new(TimeProvider.System.GetUtcNow());
    protected override TimeProvider Clock => FakeClock;
    public FlakyMailSender Mail => (FlakyMailSender)Services.GetRequiredService<IMailSender>();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => new FlakyMailSender(sp.GetRequiredService<FolderMailSender>())));
}

/// <summary>Delivers into the development mailbox, or refuses like a mail server that is down.</summary>
public sealed class FlakyMailSender(FolderMailSender inner) : IMailSender
{
    private volatile bool _failing;
    public bool Failing { get => _failing; set => _failing = value; }
    /// <summary>Awaited before each email goes: a test can hold one there, as a slow mail server would.</summary>
    public Func<Task>? BeforeSend { get; set; }

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        if (BeforeSend is { } before) await before();
        if (_failing) throw new SmtpException(SmtpStatusCode.MailboxBusy, "Mailbox unavailable, try later");
        await inner.SendAsync(mail, ct);
    }
}

/// <summary>Custody notices' emails are not lost: a failed one stays waiting, is shown as such, and a later retry sends it once.</summary>
public class CustodyNoticeDeliveryTests(FlakyMailFixture app) : IClassFixture<FlakyMailFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFailedEmail_StaysUnsent_IsShownAsNotDelivered_AndALaterRetrySendsItOnce()
    {
        var (_, account, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        const string reason = "Reveal while the mail server is down";
        app.Mail.Failing = true;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync(url + "/reveal", [new("Reason", reason)])).StatusCode);
        await Outbox().EmptyAsync();

        var notice = await NoticeAsync(reason);
        Assert.Equal((CustodyEmailState.Pending, (DateTimeOffset?)null, 1), (notice.EmailState, notice.EmailedAt, notice.EmailAttempts));
        Assert.Contains("Mailbox unavailable", notice.LastEmailError);
        Assert.DoesNotContain(DemoCredentials.Password, notice.LastEmailError);
        Assert.Empty(MailAbout(reason));
        var comms = await app.SignedInAsync(Custody.HeadOfComms);
        var told = (await comms.GetPageAsync(url)).QuerySelector("#custody-notices")!.TextContent;
        Assert.Contains("email not yet delivered (1 failed try, trying again)", told);

        // Before the wait is over nothing is tried; once it is, a retry while the server is still down counts a second failure.
        Assert.Equal((0, 0), await Emails().RetryDueAsync(Ct));
        app.FakeClock.Advance(CustodyNoticeDelivery.Backoff(1));
        Assert.Equal((0, 1), await Emails().RetryDueAsync(Ct));
        Assert.Equal(2, (await NoticeAsync(reason)).EmailAttempts);

        // The server is back: the next retry sends it and records when.
        app.Mail.Failing = false;
        app.FakeClock.Advance(CustodyNoticeDelivery.Backoff(2));
        Assert.Equal((1, 0), await Emails().RetryDueAsync(Ct));
        notice = await NoticeAsync(reason);
        Assert.Equal((CustodyEmailState.Sent, 3), (notice.EmailState, notice.EmailAttempts));
        Assert.Equal(app.FakeClock.GetUtcNow(), notice.EmailedAt!.Value, TimeSpan.FromMilliseconds(1)); // the database keeps microseconds
        var mail = Assert.Single(MailAbout(reason));
        Assert.Equal(Custody.HeadOfComms, mail.To);
        Assert.DoesNotContain(DemoCredentials.Password, mail.Body);
        Assert.DoesNotContain("not yet delivered", (await comms.GetPageAsync(url)).QuerySelector("#custody-notices")!.TextContent);

        // Sent is sent: later retries leave it alone.
        app.FakeClock.Advance(TimeSpan.FromDays(1));
        Assert.Equal((0, 0), await Emails().RetryDueAsync(Ct));
        Assert.Single(MailAbout(reason));
        Assert.Equal(3, (await NoticeAsync(reason)).EmailAttempts);
    }

    [Fact]
    public async Task AnEmailSentAtOnce_RecordsWhen_AndIsNeverRetried()
    {
        var (_, _, url) = await Custody.DemoAccountAsync(app);
        var admin = await app.SignedInAsync(Custody.Admin);
        const string reason = "Reveal with the mail server up";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync(url + "/reveal", [new("Reason", reason)])).StatusCode);
        await Outbox().EmptyAsync();

        var notice = await NoticeAsync(reason);
        Assert.Equal((CustodyEmailState.Sent, 1, (DateTimeOffset?)null), (notice.EmailState, notice.EmailAttempts, notice.NextEmailAt));
        Assert.NotNull(notice.EmailedAt);
        Assert.Single(MailAbout(reason));

        app.FakeClock.Advance(TimeSpan.FromHours(1));
        await Emails().RetryDueAsync(Ct);
        Assert.Single(MailAbout(reason));
    }

    [Fact]
    public async Task WhileTheEmailsMadeAtOnceAreSlow_TheRetriesSendOnlyThoseNotYetTaken_AndEachNoticeGetsOneEmail()
    {
        var (_, account, _) = await Custody.DemoAccountAsync(app);
        const string reason = "Password changed while the mail server is slow";
        List<Guid> ids = [await LostNoticeAsync(account, reason), await LostNoticeAsync(account, reason), await LostNoticeAsync(account, reason)];
        var (held, release, sends) = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(), 0);
        // The first email made at once hangs at the mail server; the other two wait behind it in the queue.
        app.Mail.BeforeSend = () => Interlocked.Increment(ref sends) == 1 ? Hold() : Task.CompletedTask;
        (int Sent, int Failed) retried;
        try
        {
            Emails().SendAtOnce(await NoticesAsync(reason), "https://safesocial.example");
            await held.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            app.FakeClock.Advance(CustodyNoticeDelivery.FirstRetryAfter + TimeSpan.FromMinutes(1));
            retried = await Emails().RetryDueAsync(Ct);
        }
        finally
        {
            app.Mail.BeforeSend = null;
            release.TrySetResult();
        }
        await Outbox().EmptyAsync();

        // The retries left alone the email being sent and sent the two queued ones, which the queue then skipped.
        Assert.Equal((2, 0), retried);
        Assert.All(await NoticesAsync(reason), n => Assert.Equal((CustodyEmailState.Sent, 1), (n.EmailState, n.EmailAttempts)));
        Assert.Equal(3, MailAbout(reason).Count);

        async Task Hold()
        {
            held.TrySetResult();
            await release.Task;
        }
    }

    [Fact]
    public async Task ANoticeTakenByATryThatNeverEnded_IsLeftAloneForTheLease_ThenRetried()
    {
        var (_, account, _) = await Custody.DemoAccountAsync(app);
        const string reason = "Taken by a server that stopped mid-send";
        var id = await LostNoticeAsync(account, reason);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SafeSocial.Core.Data.SafeSocialDb>();
            db.Scope.OpenForSystemWork();
            var delivery = scope.ServiceProvider.GetRequiredService<CustodyNoticeDelivery>();
            Assert.NotNull(await delivery.ClaimAsync(id, firstTry: true, Ct));
            Assert.Null(await delivery.ClaimAsync(id, firstTry: true, Ct));
        }

        app.FakeClock.Advance(CustodyNoticeDelivery.FirstRetryAfter);
        Assert.Equal((0, 0), await Emails().RetryDueAsync(Ct));
        app.FakeClock.Advance(CustodyNoticeDelivery.SendingLease);
        Assert.Equal((1, 0), await Emails().RetryDueAsync(Ct));
        Assert.Single(MailAbout(reason));
        Assert.Equal(CustodyEmailState.Sent, (await NoticeAsync(reason)).EmailState);
    }

    [Fact]
    public async Task ANoticeLostWithTheSite_IsSentByTheRetry_AndOneThatKeepsFailing_IsGivenUpAndShownSo()
    {
        var (_, account, url) = await Custody.DemoAccountAsync(app);
        const string lost = "Saved just before the site stopped", hopeless = "The address bounces for ever";
        foreach (var reason in new[] { lost, hopeless }) await LostNoticeAsync(account, reason);
        app.FakeClock.Advance(CustodyNoticeDelivery.FirstRetryAfter);
        Assert.Equal((2, 0), await Emails().RetryDueAsync(Ct));
        Assert.Single(MailAbout(lost));

        // Back to waiting, then every try fails: after the last one it is given up, not tried for ever.
        await using (var db = app.Db.System())
        {
            var n = await db.CustodyNotices.SingleAsync(x => x.Reason == hopeless, Ct);
            (n.EmailState, n.EmailAttempts, n.NextEmailAt) = (CustodyEmailState.Pending, 0, app.FakeClock.GetUtcNow());
            await db.SaveChangesAsync(Ct);
        }
        app.Mail.Failing = true;
        try
        {
            for (var i = 1; i <= CustodyNoticeDelivery.MaxAttempts; i++)
            {
                Assert.Equal((0, 1), await Emails().RetryDueAsync(Ct));
                app.FakeClock.Advance(CustodyNoticeDelivery.Backoff(i));
            }
            app.FakeClock.Advance(TimeSpan.FromDays(2));
            Assert.Equal((0, 0), await Emails().RetryDueAsync(Ct));
        }
        finally { app.Mail.Failing = false; }
        var given = await NoticeAsync(hopeless);
        Assert.Equal((CustodyEmailState.GaveUp, CustodyNoticeDelivery.MaxAttempts, (DateTimeOffset?)null), (given.EmailState, given.EmailAttempts, given.NextEmailAt));
        var comms = await app.SignedInAsync(Custody.HeadOfComms);
        var page = await comms.GetPageAsync(url);
        Assert.Contains($"the email could not be delivered after {CustodyNoticeDelivery.MaxAttempts} tries", page.QuerySelector("#custody-notices")!.TextContent);

        // The dashboard of those concerned with accounts says so too, for a fortnight, so that someone tells them another way.
        var dashboard = $"/o/{account.OrganisationId}";
        var item = (await comms.GetPageAsync(dashboard)).QuerySelector("#attention")!.TextContent;
        Assert.Contains($"{account.Handle}: the email telling Comms that Test changed the password on", item);
        Assert.Contains("could not be delivered. Tell them another way", item);
        Assert.DoesNotContain("could not be delivered", (await (await app.SignedInAsync("governor@demo.safesocial.test")).GetPageAsync(dashboard)).QuerySelector("main")!.TextContent);
        app.FakeClock.Advance(UndeliveredNotices.Shown);
        comms = await app.SignedInAsync(Custody.HeadOfComms); // the fortnight outlasts a sign-in
        Assert.DoesNotContain("could not be delivered", (await comms.GetPageAsync(dashboard)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ANoticeForSomeoneWithNoEmail_IsMarkedSo_AndNeverTried()
    {
        var (_, _, url) = await Custody.DemoAccountAsync(app);
        var comms = await People.DemoTrust.StaffAsync(app, Custody.HeadOfComms);
        const string reason = "Reveal told to someone with no email";
        await SetEmailAsync(comms.Id, null);
        try
        {
            var admin = await app.SignedInAsync(Custody.Admin);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync(url + "/reveal", [new("Reason", reason)])).StatusCode);
            await Outbox().EmptyAsync();
            app.FakeClock.Advance(TimeSpan.FromDays(1));
            Assert.Equal((0, 0), await Emails().RetryDueAsync(Ct));
        }
        finally { await SetEmailAsync(comms.Id, Custody.HeadOfComms); }

        var notice = await NoticeAsync(reason);
        Assert.Equal((CustodyEmailState.NoAddress, 0, (DateTimeOffset?)null), (notice.EmailState, notice.EmailAttempts, notice.NextEmailAt));
        Assert.Empty(MailAbout(reason));
        var page = await (await app.SignedInAsync(Custody.HeadOfComms)).GetPageAsync(url);
        Assert.Contains("who has no email address", page.QuerySelector("#custody-notices")!.TextContent);
    }

    private async Task SetEmailAsync(Guid staffId, string? email)
    {
        await using var db = app.Db.System();
        (await db.StaffMembers.SingleAsync(s => s.Id == staffId, Ct)).Email = email;
        await db.SaveChangesAsync(Ct);
    }

    private MailOutbox Outbox() => app.Services.GetRequiredService<MailOutbox>();
    private CustodyNoticeEmails Emails() => app.Services.GetRequiredService<CustodyNoticeEmails>();

    private List<StoredMail> MailAbout(string reason) =>
        app.Services.GetRequiredService<FolderMailSender>().Read().Where(m => m.Body.Contains(reason, StringComparison.Ordinal)).ToList();

    private async Task<List<CustodyNotice>> NoticesAsync(string reason)
    {
        await using var db = app.Db.System();
        return await db.CustodyNotices.Where(n => n.Reason == reason).ToListAsync(Ct);
    }

    /// <summary>A notice saved with its action whose email was never tried, as if the site stopped at once.</summary>
    private async Task<Guid> LostNoticeAsync(SafeSocial.Core.Accounts.OfficialAccount account, string reason)
    {
        await using var db = app.Db.System();
        var comms = await People.DemoTrust.StaffAsync(app, Custody.HeadOfComms);
        var notice = new CustodyNotice
        {
            Id = Guid.CreateVersion7(), OrganisationId = account.OrganisationId, OfficialAccountId = account.Id, Event = CustodyEvent.PasswordChanged,
            OccurredAt = app.FakeClock.GetUtcNow(), ActorName = "Test", Reason = reason, RecipientStaffMemberId = comms.Id, RecipientName = "Comms",
            RecipientEmail = Custody.HeadOfComms, RecipientCapacity = "Head of communications", EmailState = CustodyEmailState.Pending,
            NextEmailAt = app.FakeClock.GetUtcNow() + CustodyNoticeDelivery.FirstRetryAfter,
        };
        db.CustodyNotices.Add(notice);
        await db.SaveChangesAsync(Ct);
        return notice.Id;
    }

    private async Task<CustodyNotice> NoticeAsync(string reason)
    {
        await using var db = app.Db.System();
        return await db.CustodyNotices.SingleAsync(n => n.Reason == reason, Ct);
    }
}
