using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Core.Identity;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.Consent.Portal;

/// <summary>Sign-in links: single use, short-lived, only a hash kept, the same answer for every address, and a per-address limit.</summary>
public class ParentSignInTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALink_WorksOnce_AndOnlyItsHashIsKept()
    {
        var world = await PortalWorld.CreateAsync(server);
        await world.ChildAsync(world.SchoolA, "Sam", "Ash", "ann.ash@home.example");
        await using var ctx = world.Anonymous();
        var request = await world.SignIn(ctx).RequestAsync("  Ann.Ash@Home.EXAMPLE ", Ct);

        Assert.Equal(LinkRequestResult.Sent, request.Result);
        Assert.Equal("ann.ash@home.example", request.Email);
        Assert.Equal("Ann Ash", request.ParentName);
        Assert.Equal(43, request.Token!.Length); // 32 random bytes, base64url
        await using (var check = world.Db.System())
        {
            var row = await check.ParentSignInRequests.SingleAsync(Ct);
            Assert.Equal(InvitationService.Hash(request.Token), row.TokenHash);
            Assert.Equal(PortalWorld.Start + ParentSignIn.LinkLifetime, row.ExpiresAt);
            Assert.DoesNotContain(request.Token, await check.AuditEntries.Select(a => a.Changes ?? "").ToListAsync(Ct));
        }

        Assert.Equal(new LinkView(LinkState.Valid, "ann.ash@home.example"), await world.SignIn(ctx).ViewAsync(request.Token, Ct));
        Assert.Equal(LinkState.Valid, (await world.SignIn(world.Anonymous()).UseAsync(request.Token, Ct)).State);
        Assert.Equal(LinkState.Used, (await world.SignIn(world.Anonymous()).UseAsync(request.Token, Ct)).State);
        Assert.Equal(LinkState.Used, (await world.SignIn(world.Anonymous()).ViewAsync(request.Token, Ct)).State);
        await using var after = world.Db.System();
        var used = await after.AuditEntries.SingleAsync(a => a.EntityType == "ParentSignInRequest" && a.Action == "Modified", Ct);
        Assert.Equal("Ann Ash (parent, through the parent portal)", used.ActorName);
    }

    [Fact]
    public async Task ALink_ExpiresAfterThirtyMinutes()
    {
        var world = await PortalWorld.CreateAsync(server);
        await world.ChildAsync(world.SchoolA, "Sam", "Birch", "ann.birch@home.example");
        var token = (await world.SignIn(world.Anonymous()).RequestAsync("ann.birch@home.example", Ct)).Token!;

        world.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(LinkState.Valid, (await world.SignIn(world.Anonymous()).ViewAsync(token, Ct)).State);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(LinkState.Expired, (await world.SignIn(world.Anonymous()).ViewAsync(token, Ct)).State);
        Assert.Equal(LinkState.Expired, (await world.SignIn(world.Anonymous()).UseAsync(token, Ct)).State);
        await using var check = world.Db.System();
        Assert.Null((await check.ParentSignInRequests.SingleAsync(Ct)).UsedAt);
    }

    [Fact]
    public async Task AnExpiredOrUsedLink_CanAskForANewOne_ToTheSameAddress()
    {
        var world = await PortalWorld.CreateAsync(server);
        await world.ChildAsync(world.SchoolA, "Sam", "Cedar", "ann.cedar@home.example");
        var old = (await world.SignIn(world.Anonymous()).RequestAsync("ann.cedar@home.example", Ct)).Token!;
        await world.SignIn(world.Anonymous()).UseAsync(old, Ct);

        var again = await world.SignIn(world.Anonymous()).RequestAgainAsync(old, Ct);

        Assert.Equal(LinkRequestResult.Sent, again!.Result);
        Assert.Equal("ann.cedar@home.example", again.Email);
        Assert.NotEqual(old, again.Token);
        Assert.Equal(LinkState.Valid, (await world.SignIn(world.Anonymous()).UseAsync(again.Token!, Ct)).State);
        Assert.Null(await world.SignIn(world.Anonymous()).RequestAgainAsync("not-a-token-anyone-was-sent", Ct));
    }

    [Fact]
    public async Task AnUnknownAddress_GetsNoLink_AndKeepsNoAddress_ButIsCountedTheSame()
    {
        var world = await PortalWorld.CreateAsync(server);
        await world.ChildAsync(world.SchoolA, "Sam", "Dale", "ann.dale@home.example");

        var unknown = await world.SignIn(world.Anonymous()).RequestAsync("stranger@elsewhere.example", Ct);

        Assert.Equal(LinkRequestResult.NotKnown, unknown.Result);
        Assert.Null(unknown.Token);
        await using var check = world.Db.System();
        var row = await check.ParentSignInRequests.SingleAsync(Ct);
        Assert.Equal(InvitationService.Hash("stranger@elsewhere.example"), row.EmailHash);
        Assert.Null(row.Email);
        Assert.Null(row.TokenHash);
        Assert.DoesNotContain("stranger@elsewhere.example", await check.AuditEntries.Select(a => a.Changes ?? "").ToListAsync(Ct));
    }

    [Fact]
    public async Task APerAddressLimit_RefusesTheFourthLinkInAnHour_KnownOrNot_ThenLetsItThrough()
    {
        var world = await PortalWorld.CreateAsync(server);
        await world.ChildAsync(world.SchoolA, "Sam", "Elm", "ann.elm@home.example");
        foreach (var address in new[] { "ann.elm@home.example", "nobody@elsewhere.example" })
        {
            for (var i = 0; i < ParentSignIn.LinksPerAddressPerHour; i++)
            {
                Assert.NotEqual(LinkRequestResult.TooMany, (await world.SignIn(world.Anonymous()).RequestAsync(address, Ct)).Result);
                world.Clock.Advance(TimeSpan.FromMinutes(1));
            }
            var refused = await world.SignIn(world.Anonymous()).RequestAsync(address.ToUpperInvariant(), Ct);
            Assert.Equal(LinkRequestResult.TooMany, refused.Result);
            Assert.Null(refused.Token);
        }
        // Another address is not held up by these.
        Assert.Equal(LinkRequestResult.NotKnown, (await world.SignIn(world.Anonymous()).RequestAsync("other@elsewhere.example", Ct)).Result);

        world.Clock.Advance(TimeSpan.FromMinutes(58));
        Assert.Equal(LinkRequestResult.Sent, (await world.SignIn(world.Anonymous()).RequestAsync("ann.elm@home.example", Ct)).Result);
    }

    [Fact]
    public async Task TamperedOrGuessedTokens_AreNotValid()
    {
        var world = await PortalWorld.CreateAsync(server);
        await world.ChildAsync(world.SchoolA, "Sam", "Fir", "ann.fir@home.example");
        var token = (await world.SignIn(world.Anonymous()).RequestAsync("ann.fir@home.example", Ct)).Token!;
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        foreach (var guess in new[] { tampered, token[..^1], token + "A", token.ToUpperInvariant(), "", InvitationService.Hash(token) })
        {
            Assert.Equal(LinkState.Unknown, (await world.SignIn(world.Anonymous()).ViewAsync(guess, Ct)).State);
            Assert.Equal(LinkState.Unknown, (await world.SignIn(world.Anonymous()).UseAsync(guess, Ct)).State);
        }
        Assert.Equal(LinkState.Valid, (await world.SignIn(world.Anonymous()).ViewAsync(token, Ct)).State);
    }
}
