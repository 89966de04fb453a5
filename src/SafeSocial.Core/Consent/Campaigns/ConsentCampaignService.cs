using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.People;

namespace SafeSocial.Core.Consent.Campaigns;

/// <summary>One email of a campaign: a parent address, who it greets and which children it is about.</summary>
public sealed record CampaignRecipient(string Email, string Names, IReadOnlyList<string> Children, IReadOnlyList<Guid> PupilIds);

/// <summary>A pupil the emails cannot reach: no parent or carer with parental responsibility has an email address.</summary>
public sealed record UnreachablePupil(Guid Id, string Name, string? ClassName);

/// <summary>Who a sending will email, and the pupils it cannot reach.</summary>
public sealed record CampaignMailing(IReadOnlyList<CampaignRecipient> Recipients, int Pupils, IReadOnlyList<UnreachablePupil> WithoutEmail)
{
    public int PupilsWithoutEmail => WithoutEmail.Count;
}

/// <summary>A sending that has started: its row, and the personal link token of each address, to go into its email.</summary>
public sealed record StartedSend(ConsentCampaignSend Send, IReadOnlyDictionary<string, string> Tokens);

public sealed record YearGroupResponse(string? YearGroup, int InScope, int Answered)
{
    public int Percent => ResponseRate.Percent(Answered, InScope);
}

/// <summary>One class's answers; a pupil in no class counts under a null class.</summary>
public sealed record ClassResponse(Guid? ClassId, string? ClassName, string? YearGroup, int InScope, int Answered)
{
    public int Percent => ResponseRate.Percent(Answered, InScope);
}

public static class ResponseRate
{
    public static int Percent(int answered, int inScope) => inScope == 0 ? 0 : (int)Math.Round(100.0 * answered / inScope);
}

public sealed record UnansweredPupil(Guid Id, string Name, string? YearGroup, string? ClassName, bool HasParentEmail);

public sealed record CampaignResponses(IReadOnlyList<YearGroupResponse> ByYearGroup, IReadOnlyList<ClassResponse> ByClass, IReadOnlyList<UnansweredPupil> NotAnswered)
{
    public int InScope => ByYearGroup.Sum(y => y.InScope);
    public int Answered => ByYearGroup.Sum(y => y.Answered);
    public int Percent => ResponseRate.Percent(Answered, InScope);
}

public sealed record CampaignSummary(ConsentCampaign Campaign, int InScope, int Answered);

/// <summary>
/// Consent campaigns of one school: who is in scope (pupils on roll in the chosen year groups), who has answered
/// since the campaign started, and whom its invitations and reminders go to: one email per parent address.
/// </summary>
public sealed class ConsentCampaignService(SafeSocialDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> YearGroupsAsync(Guid schoolId, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var groups = await db.Pupils.Where(p => p.OrganisationId == schoolId && p.YearGroup != null && (p.LeavingDate == null || p.LeavingDate > today))
            .Select(p => p.YearGroup!).Distinct().ToListAsync(ct);
        return YearGroups.InOrder(groups).ToList();
    }

    public async Task<(Outcome Outcome, Guid? Id)> CreateAsync(Guid schoolId, string? name, IReadOnlyCollection<string> yearGroups, string startedBy, CancellationToken ct = default)
    {
        var kind = await db.Organisations.Where(o => o.Id == schoolId).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct);
        if (kind is null) return (Outcome.NotFound, null);
        var problems = new List<Problem>();
        if (kind != OrganisationKind.School) problems.Add(new Problem("", "Consent campaigns are run by each school: choose a school first"));
        if (string.IsNullOrWhiteSpace(name)) problems.Add(new Problem("Name", "Enter a name for the campaign"));
        else if (name.Trim().Length > 200) problems.Add(new Problem("Name", "The name must be 200 characters or fewer"));
        var known = await YearGroupsAsync(schoolId, ct);
        if (yearGroups.Any(y => !known.Contains(y))) problems.Add(new Problem("YearGroups", "Choose year groups that have pupils on roll"));
        if (problems.Count > 0) return (Outcome.Refused(problems), null);

        var campaign = new ConsentCampaign
        {
            Id = Guid.NewGuid(), OrganisationId = schoolId, Name = name!.Trim(), YearGroups = YearGroups.InOrder(yearGroups).ToList(),
            StartedAt = clock.GetUtcNow(), StartedBy = startedBy,
        };
        db.ConsentCampaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return (Outcome.Done, campaign.Id);
    }

    public Task<ConsentCampaign?> FindAsync(Guid schoolId, Guid campaignId, CancellationToken ct = default) =>
        db.ConsentCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.OrganisationId == schoolId && c.Id == campaignId, ct);

    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(Guid schoolId, CancellationToken ct = default)
    {
        var campaigns = await db.ConsentCampaigns.AsNoTracking().Where(c => c.OrganisationId == schoolId).OrderByDescending(c => c.StartedAt).ToListAsync(ct);
        var list = new List<CampaignSummary>();
        foreach (var c in campaigns)
        {
            var answered = Answered(c);
            list.Add(new CampaignSummary(c, await InScope(c).CountAsync(ct), await InScope(c).CountAsync(p => answered.Contains(p.Id), ct)));
        }
        return list;
    }

    public async Task<IReadOnlyList<ConsentCampaignSend>> SendsAsync(Guid schoolId, Guid campaignId, CancellationToken ct = default) =>
        await db.ConsentCampaignSends.AsNoTracking().Where(s => s.OrganisationId == schoolId && s.CampaignId == campaignId)
            .OrderByDescending(s => s.StartedAt).ToListAsync(ct);

    /// <summary>Answered and in scope per year group and per class, and each pupil still to answer.</summary>
    public async Task<CampaignResponses> ResponsesAsync(ConsentCampaign campaign, CancellationToken ct = default)
    {
        var answered = Answered(campaign);
        var rows = await InScope(campaign).Select(p => new
        {
            p.Id, p.YearGroup, First = p.PreferredFirstName ?? p.LegalFirstName, Last = p.PreferredLastName ?? p.LegalLastName, p.ClassId, ClassName = p.Class!.Name, ClassYear = p.Class.YearGroup,
            Answered = answered.Contains(p.Id),
            HasParentEmail = p.Parents.Any(l => l.HasParentalResponsibility && l.Parent!.Email != null && l.Parent.Email != ""),
        }).ToListAsync(ct);
        var byYear = rows.GroupBy(r => r.YearGroup).OrderBy(g => YearGroups.SortKey(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new YearGroupResponse(g.Key, g.Count(), g.Count(r => r.Answered))).ToList();
        // Classes in year group order, then by name; the pupils in no class last.
        var byClass = rows.GroupBy(r => r.ClassId).Select(g => new ClassResponse(g.Key, g.First().ClassName, g.First().ClassYear ?? g.First().YearGroup, g.Count(), g.Count(r => r.Answered)))
            .OrderBy(c => c.ClassId is null).ThenBy(c => YearGroups.SortKey(c.YearGroup)).ThenBy(c => c.ClassName, StringComparer.Ordinal).ToList();
        var notAnswered = rows.Where(r => !r.Answered).OrderBy(r => YearGroups.SortKey(r.YearGroup)).ThenBy(r => r.ClassName, StringComparer.Ordinal)
            .ThenBy(r => r.Last, StringComparer.Ordinal).ThenBy(r => r.First, StringComparer.Ordinal)
            .Select(r => new UnansweredPupil(r.Id, $"{r.First} {r.Last}", r.YearGroup, r.ClassName, r.HasParentEmail)).ToList();
        return new CampaignResponses(byYear, byClass, notAnswered);
    }

    /// <summary>
    /// The parents to email: for invitations, every parent with parental responsibility for a pupil in scope; for
    /// reminders, only those of pupils with no answer since the campaign began. One email per address, naming each child.
    /// </summary>
    public async Task<CampaignMailing> MailingAsync(ConsentCampaign campaign, CampaignSendKind kind, CancellationToken ct = default)
    {
        var answered = Answered(campaign);
        var pupils = InScope(campaign);
        if (kind == CampaignSendKind.Reminders) pupils = pupils.Where(p => !answered.Contains(p.Id));
        var rows = await pupils.Select(p => new
        {
            p.Id, First = p.PreferredFirstName ?? p.LegalFirstName, Last = p.PreferredLastName ?? p.LegalLastName, ClassName = p.Class!.Name,
            Parents = p.Parents.Where(l => l.HasParentalResponsibility && l.Parent!.Email != null && l.Parent.Email != "")
                .Select(l => new { l.Parent!.Email, Name = l.Parent.FirstName + " " + l.Parent.LastName }).ToList(),
        }).ToListAsync(ct);
        var recipients = rows
            .SelectMany(r => r.Parents.Select(p => (Email: p.Email!.Trim().ToLowerInvariant(), p.Name, Child: $"{r.First} {r.Last}", r.Id)))
            .GroupBy(x => x.Email)
            .Select(g => new CampaignRecipient(g.Key, string.Join(" and ", g.Select(x => x.Name).Distinct().Order(StringComparer.Ordinal)),
                g.Select(x => x.Child).Distinct().Order(StringComparer.Ordinal).ToList(), g.Select(x => x.Id).Distinct().ToList()))
            .OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
        var unreachable = rows.Where(r => r.Parents.Count == 0)
            .OrderBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.Last, StringComparer.Ordinal).ThenBy(r => r.First, StringComparer.Ordinal)
            .Select(r => new UnreachablePupil(r.Id, $"{r.First} {r.Last}", r.ClassName)).ToList();
        return new CampaignMailing(recipients, rows.Count, unreachable);
    }

    /// <summary>
    /// The pupils in scope to print paper forms for: one pupil, everyone, or (by default) those no email reaches. Sorted by class
    /// and name, so forms come off the printer ready to hand out.
    /// </summary>
    public async Task<IReadOnlyList<UnreachablePupil>> PaperFormPupilsAsync(ConsentCampaign campaign, Guid? pupilId, bool everyone, CancellationToken ct = default)
    {
        var pupils = InScope(campaign);
        if (pupilId is { } id) pupils = pupils.Where(p => p.Id == id);
        else if (!everyone) pupils = pupils.Where(p => !p.Parents.Any(l => l.HasParentalResponsibility && l.Parent!.Email != null && l.Parent.Email != ""));
        var rows = await pupils.Select(p => new { p.Id, First = p.PreferredFirstName ?? p.LegalFirstName, Last = p.PreferredLastName ?? p.LegalLastName, ClassName = p.Class!.Name })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.Last, StringComparer.Ordinal).ThenBy(r => r.First, StringComparer.Ordinal)
            .Select(r => new UnreachablePupil(r.Id, $"{r.First} {r.Last}", r.ClassName)).ToList();
    }

    /// <summary>The closing date and the school's contact details, which the emails carry. Audited like every change.</summary>
    public async Task<Outcome> SetDetailsAsync(Guid schoolId, Guid campaignId, DateOnly? closesOn, string? contact, CancellationToken ct = default)
    {
        var campaign = await db.ConsentCampaigns.FirstOrDefaultAsync(c => c.OrganisationId == schoolId && c.Id == campaignId, ct);
        if (campaign is null) return Outcome.NotFound;
        var today = UkTime.Today(clock);
        var problems = new List<Problem>();
        if (closesOn is null) problems.Add(new Problem("ClosesOn", "Enter the date the campaign closes"));
        else if (closesOn < today) problems.Add(new Problem("ClosesOn", "The closing date must be today or in the future"));
        else if (closesOn > today.AddYears(1)) problems.Add(new Problem("ClosesOn", "The closing date must be within a year"));
        if (string.IsNullOrWhiteSpace(contact)) problems.Add(new Problem("ContactDetails", "Enter how parents can contact the school with questions"));
        else if (contact.Trim().Length > 500) problems.Add(new Problem("ContactDetails", "The contact details must be 500 characters or fewer"));
        if (problems.Count > 0) return Outcome.Refused(problems);
        (campaign.ClosesOn, campaign.ContactDetails) = (closesOn, contact!.Trim());
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>
    /// Notes a sending about to start, with a personal link for each address, in one transaction. Refused until the campaign has
    /// a closing date and contact details, once it has closed, while another sending of the campaign is still going, and for a second
    /// round of invitations (reminders reach those still to answer). The campaign's row is locked, so a double click sends once.
    /// </summary>
    public async Task<(Outcome Outcome, StartedSend? Started)> StartSendAsync(ConsentCampaign campaign, CampaignSendKind kind, CampaignMailing mailing,
        string startedBy, CancellationToken ct = default)
    {
        if (!campaign.ReadyToSend) return (Outcome.Refused("", "Set the closing date and the school's contact details before sending"), null);
        if (!campaign.IsOpen(UkTime.Today(clock))) return (Outcome.Refused("ClosesOn", "The campaign has closed: set a later closing date to send more emails"), null);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ConsentCampaigns.FromSqlInterpolated($"SELECT * FROM \"ConsentCampaigns\" WHERE \"Id\" = {campaign.Id} FOR UPDATE")
            .Where(c => c.OrganisationId == campaign.OrganisationId).ToListAsync(ct);
        var sends = db.ConsentCampaignSends.Where(s => s.OrganisationId == campaign.OrganisationId && s.CampaignId == campaign.Id);
        // A sending left unfinished by a restart does not block the next one for ever.
        var since = now.AddHours(-1);
        if (await sends.AnyAsync(s => s.FinishedAt == null && s.StartedAt > since, ct))
            return (Outcome.Refused("", "Emails for this campaign are still being sent. Wait for them to finish."), null);
        if (kind == CampaignSendKind.Invitations && await sends.AnyAsync(s => s.Kind == CampaignSendKind.Invitations, ct))
            return (Outcome.Refused("", "The invitations for this campaign have already been sent. Send reminders to reach the parents who have not answered."), null);
        var send = new ConsentCampaignSend
        {
            Id = Guid.NewGuid(), OrganisationId = campaign.OrganisationId, CampaignId = campaign.Id, Kind = kind, StartedAt = now, StartedBy = startedBy,
            Pupils = mailing.Pupils, PupilsWithoutEmail = mailing.PupilsWithoutEmail, EmailsToSend = mailing.Recipients.Count,
        };
        if (mailing.Recipients.Count == 0) send.FinishedAt = now;
        db.ConsentCampaignSends.Add(send);
        var tokens = new Dictionary<string, string>();
        foreach (var to in mailing.Recipients)
        {
            var (link, token) = CampaignLinks.New(campaign, to, now);
            db.CampaignLinks.Add(link);
            tokens[to.Email] = token;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (Outcome.Done, new StartedSend(send, tokens));
    }

    public async Task FinishSendAsync(Guid schoolId, Guid sendId, int sent, int failed, CancellationToken ct = default)
    {
        var send = await db.ConsentCampaignSends.FirstAsync(s => s.OrganisationId == schoolId && s.Id == sendId, ct);
        (send.EmailsSent, send.EmailsFailed, send.FinishedAt) = (sent, failed, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    private IQueryable<Pupil> InScope(ConsentCampaign c)
    {
        var today = UkTime.Today(clock);
        var years = c.YearGroups;
        var pupils = db.Pupils.Where(p => p.OrganisationId == c.OrganisationId && (p.LeavingDate == null || p.LeavingDate > today));
        return c.WholeSchool ? pupils : pupils.Where(p => p.YearGroup != null && years.Contains(p.YearGroup));
    }

    /// <summary>Pupils with any decision recorded since the campaign started: through the portal, or on paper or by email via the office.</summary>
    private IQueryable<Guid> Answered(ConsentCampaign c) =>
        db.ConsentRecords.Where(r => r.OrganisationId == c.OrganisationId && r.RecordedAt >= c.StartedAt).Select(r => r.PupilId);
}
