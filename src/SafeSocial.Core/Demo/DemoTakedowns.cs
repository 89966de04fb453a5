using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Consent;
using SafeSocial.Core.Data;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using SafeSocial.Core.Takedowns;

namespace SafeSocial.Core.Demo;

/// <summary>
/// A few parents who gave photo consent and later withdrew it, recorded through the consent register on the days
/// they happened, so each school's takedown list has tasks to show: one overdue, one open, one done.
/// </summary>
internal static class DemoTakedowns
{
    private sealed record Story(int School, int Pupil, string Purpose, int GivenDaysAgo, int WithdrawnDaysAgo, string? DoneNote = null, int DoneDaysAgo = 0);

    private static readonly Story[] Stories =
    [
        new(0, 0, ConsentPurpose.SchoolWebsite, 200, 40),
        new(0, 1, ConsentPurpose.SchoolSocialMedia, 200, 3),
        new(0, 2, ConsentPurpose.Video, 300, 60, "Removed the sports day video from the website and the school's YouTube channel", 52),
        new(1, 0, ConsentPurpose.SchoolWebsite, 100, 10),
    ];

    public static async Task SeedAsync(SafeSocialDb db, TimeProvider clock)
    {
        var schools = await db.Organisations.Where(o => o.Kind == OrganisationKind.School).OrderBy(o => o.SourcedId).Select(o => o.Id).ToListAsync();
        var policies = new ConsentPolicyService(db, new PolicySettingsService(db));
        foreach (var story in Stories.Where(s => s.School < schools.Count))
        {
            var schoolId = schools[story.School];
            var policy = await policies.ForAsync(schoolId);
            // Pupils with a parent who holds parental responsibility, in roster order, and no seeded answer for the purpose
            // (a later refusal from DemoConsent would leave nothing to withdraw, and so no task).
            var families = await db.PupilParents.Where(l => l.OrganisationId == schoolId && l.HasParentalResponsibility
                    && !db.ConsentRecords.Any(r => r.PupilId == l.PupilId && r.Purpose == story.Purpose))
                .OrderBy(l => l.Pupil!.SourcedId).ThenBy(l => l.ParentId).Select(l => new { l.PupilId, l.ParentId }).ToListAsync();
            var family = families.DistinctBy(f => f.PupilId).Skip(story.Pupil).FirstOrDefault();
            if (family is null) continue;
            var parent = ConsentDecider.ByParent(family.ParentId);
            await new ConsentRegister(db, new Earlier(clock, story.GivenDaysAgo)).RecordAsync(schoolId, family.PupilId, story.Purpose, ConsentDecision.Given,
                parent, new ConsentProvenance(ConsentSource.PaperForm, "Demo data"), policy);
            await new ConsentRegister(db, new Earlier(clock, story.WithdrawnDaysAgo)).RecordAsync(schoolId, family.PupilId, story.Purpose, ConsentDecision.Withdrawn,
                parent, new ConsentProvenance(ConsentSource.Email, "Demo data"), policy);
            if (story.DoneNote is null) continue;
            var task = await db.TakedownTasks.Where(t => t.OrganisationId == schoolId && t.PupilId == family.PupilId && t.Purpose == story.Purpose)
                .Select(t => (Guid?)t.Id).SingleOrDefaultAsync();
            if (task is not { } taskId) continue;
            await new TakedownService(db, new Earlier(clock, story.DoneDaysAgo)).MarkDoneAsync(schoolId, taskId, story.DoneNote);
            db.Audit.Reason = null;
        }
    }

    /// <summary>The demo's clock moved back, so a decision from months ago is dated and timed as it would have been.</summary>
    private sealed class Earlier(TimeProvider clock, int days) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow().AddDays(-days);
    }
}
