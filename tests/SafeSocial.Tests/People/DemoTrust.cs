using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Organisation;
using SafeSocial.Tests.Infrastructure;

namespace SafeSocial.Tests.People;

/// <summary>The demo trust's organisations and accounts, as the page tests need them.</summary>
internal sealed record DemoTrust(Guid Trust, Guid School, Guid OtherSchool)
{
    public const string Headteacher = "headteacher@demo.safesocial.test";
    public const string Teacher = "teacher@demo.safesocial.test";
    public const string Governor = "governor@demo.safesocial.test";
    public const string Volunteer = "volunteer@demo.safesocial.test";
    public const string BusinessManager = "school-business-manager@demo.safesocial.test";
    public const string TrustLeader = "trust-executive-leadership@demo.safesocial.test";
    public const string OtherHeadteacher = "headteacher.second-school@demo.safesocial.test";

    public static async Task<DemoTrust> LoadAsync(AppFixture app)
    {
        await using var db = app.Db.System();
        var orgs = await db.Organisations.OrderBy(o => o.SourcedId).ToListAsync(TestContext.Current.CancellationToken);
        return new DemoTrust(orgs.Single(o => o.Kind == OrganisationKind.Trust).Id,
            orgs.Single(o => o.SourcedId == "school-1").Id, orgs.Single(o => o.SourcedId == "school-2").Id);
    }

    public static async Task<StaffMember> StaffAsync(AppFixture app, string email)
    {
        await using var db = app.Db.System();
        return await db.StaffMembers.SingleAsync(s => s.Email == email, TestContext.Current.CancellationToken);
    }
}
