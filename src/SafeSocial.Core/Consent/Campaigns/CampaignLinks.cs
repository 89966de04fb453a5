using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent.Portal;
using SafeSocial.Core.Data;
using SafeSocial.Core.Identity;

namespace SafeSocial.Core.Consent.Campaigns;

public enum CampaignLinkState { Valid, Unknown, Closed, Stopped }

/// <summary>What a personal link comes to now; <see cref="Link"/> only when it is known.</summary>
public sealed record CampaignLinkView(CampaignLinkState State, CampaignLink? Link, DateOnly? ClosesOn);

/// <summary>
/// Makes, checks and stops campaign emails' personal links. A parent opening one is signed in to no school, so the lookups
/// read past the organisation filter on purpose, by token hash or link id only; stopping them is the school's, within its filter.
/// </summary>
public sealed class CampaignLinks(SafeSocialDb db, TimeProvider clock)
{
    /// <summary>A new link for one email, to be saved with the sending; the token goes into the email and is forgotten.</summary>
    public static (CampaignLink Link, string Token) New(ConsentCampaign campaign, CampaignRecipient to, DateTimeOffset now)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (new CampaignLink
        {
            Id = Guid.NewGuid(), OrganisationId = campaign.OrganisationId, CampaignId = campaign.Id, Email = ParentSignIn.Normalise(to.Email),
            PupilIds = to.PupilIds.ToList(), TokenHash = InvitationService.Hash(token), CreatedAt = now,
        }, token);
    }

    public async Task<CampaignLinkView> ViewAsync(string token, CancellationToken ct = default)
    {
        var hash = InvitationService.Hash(token);
        return await DescribeAsync(db.CampaignLinks.IgnoreQueryFilters().Where(l => l.TokenHash == hash), ct);
    }

    /// <summary>Checked on every portal page a link opened, so a stopped link stops at once.</summary>
    public async Task<CampaignLinkView> ViewAsync(Guid linkId, CancellationToken ct = default) =>
        await DescribeAsync(db.CampaignLinks.IgnoreQueryFilters().Where(l => l.Id == linkId), ct);

    private async Task<CampaignLinkView> DescribeAsync(IQueryable<CampaignLink> links, CancellationToken ct)
    {
        var found = await links.AsNoTracking()
            .Select(l => new { Link = l, Campaign = db.ConsentCampaigns.IgnoreQueryFilters().Where(c => c.Id == l.CampaignId && c.OrganisationId == l.OrganisationId).Select(c => new { c.ClosesOn }).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (found?.Campaign is null) return new CampaignLinkView(CampaignLinkState.Unknown, null, null);
        var closes = found.Campaign.ClosesOn;
        if (found.Link.RevokedAt is not null) return new CampaignLinkView(CampaignLinkState.Stopped, found.Link, closes);
        var open = closes is { } last && UkTime.Today(clock) <= last;
        return new CampaignLinkView(open ? CampaignLinkState.Valid : CampaignLinkState.Closed, found.Link, closes);
    }

    /// <summary>Links of the campaign not stopped; they work until it closes.</summary>
    public Task<int> ActiveCountAsync(Guid schoolId, Guid campaignId, CancellationToken ct = default) =>
        db.CampaignLinks.CountAsync(l => l.OrganisationId == schoolId && l.CampaignId == campaignId && l.RevokedAt == null, ct);

    /// <summary>Stops the campaign's links to one address (every email it was sent), or all of them when no address is given. Audited.</summary>
    public async Task<int> StopAsync(Guid schoolId, Guid campaignId, string? email, string stoppedBy, CancellationToken ct = default)
    {
        var address = email is null ? null : ParentSignIn.Normalise(email);
        var links = await db.CampaignLinks.Where(l => l.OrganisationId == schoolId && l.CampaignId == campaignId && l.RevokedAt == null
            && (address == null || l.Email == address)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var l in links) (l.RevokedAt, l.RevokedBy) = (now, stoppedBy);
        db.Audit.Reason = address is null ? "Every personal link of the campaign stopped" : "A family's personal link stopped";
        await db.SaveChangesAsync(ct);
        return links.Count;
    }
}
