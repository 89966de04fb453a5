using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Data;
using SafeSocial.Web.Import;

namespace SafeSocial.Tests.Web.AccessMatrix;

/// <summary>A record's id as it appears in a URL, and the organisation that owns it.</summary>
public sealed class OwnedRecord
{
    public required string Id { get; init; }
    public required Guid OrganisationId { get; init; }
    /// <summary>The matrix uses each organisation's record with the lowest key: records that go together in one route sort first together.</summary>
    public string? SortKey { get; init; }
}

/// <summary>
/// How the access matrix fills route parameters other than orgId. A page with a parameter that is in
/// neither list fails the matrix until a line is added here.
/// </summary>
public static class RecordLookups
{
    /// <summary>Parameters naming a record that belongs to one organisation: the matrix uses a real one of the route's organisation, then one of another school.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SafeSocialDb, IQueryable<OwnedRecord>>> Records =
        new Dictionary<string, Func<SafeSocialDb, IQueryable<OwnedRecord>>>(StringComparer.OrdinalIgnoreCase)
        {
            // A pupil with parents, so a pupil's page has something to show (and leak).
            ["pupilId"] = db => db.Pupils.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId, SortKey = (x.Parents.Any() ? "0" : "1") + x.Id.ToString() }),
            // A staff member holding a role, and (below) that role, so /staff/{staffId}/roles/{assignmentId} names a real pair.
            ["staffId"] = db => db.StaffMembers.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId, SortKey = (x.Roles.Any() ? "0" : "1") + x.Id.ToString() }),
            ["staffMemberId"] = db => db.StaffMembers.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId, SortKey = (x.Roles.Any() ? "0" : "1") + x.Id.ToString() }),
            ["parentId"] = db => db.Parents.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId }),
            ["classId"] = db => db.SchoolClasses.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId }),
            ["versionId"] = db => db.PolicyVersions.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId }),
            ["policyVersionId"] = db => db.PolicyVersions.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId }),
            ["invitationId"] = db => db.StaffInvitations.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId }),
            ["roleAssignmentId"] = db => db.RoleAssignments.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId, SortKey = "0" + x.StaffMemberId.ToString() + x.Id.ToString() }),
            ["assignmentId"] = db => db.RoleAssignments.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId, SortKey = "0" + x.StaffMemberId.ToString() + x.Id.ToString() }),
            ["campaignId"] = db => db.ConsentCampaigns.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId }),
            ["entryId"] = db => db.AuditEntries.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId }),
            // An open takedown, so its page shows (and axe checks) the forms to close it and change its owner.
            ["taskId"] = db => db.TakedownTasks.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId, SortKey = (x.Status == SafeSocial.Core.Takedowns.TakedownStatus.Open ? "0" : "1") + x.Id.ToString() }),
            // A request waiting for approval, so its page shows (and axe checks) the decision form to its approver.
            ["accountId"] = db => db.OfficialAccounts.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId, SortKey = (x.Status == SafeSocial.Core.Accounts.AccountStatus.Requested ? "0" : "1") + x.Id.ToString() }),
            ["requestId"] = db => db.AdminRequests.Select(x => new OwnedRecord { Id = x.Id.ToString(), OrganisationId = x.OrganisationId }),
        };

    /// <summary>
    /// Records that are not rows of the database (files in the data folder, say): made once per organisation
    /// through the application's own services, then used like <see cref="Records"/>. Null when the organisation
    /// cannot have one. A parameter here takes precedence over <see cref="Values"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<IServiceProvider, Guid, Task<string?>>> Made =
        new Dictionary<string, Func<IServiceProvider, Guid, Task<string?>>>(StringComparer.OrdinalIgnoreCase)
        {
            // A roster upload kept in the data folder: one per organisation, so one school's upload is tried at another's address.
            ["uploadId"] = async (sp, org) => (await sp.GetRequiredService<ImportUploads>().CreateAsync(org, null, "Access matrix",
                [new FormFile(new MemoryStream("x"u8.ToArray()), 0, 1, "Files", "users.csv")], default)).Id,
        };

    /// <summary>Parameters that name no organisation's record: a fixed value is enough.</summary>
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "404",
        // A role as addresses spell it (/roles/designated-safeguarding-lead): roles are the same in every school.
        ["role"] = "teacher",
        // What a role-change page does (/roles/{assignmentId}/remove).
        ["change"] = "remove",
        // A policy setting as addresses spell it (/policy/settings/review-cycle): the same in every school.
        ["key"] = "review-cycle",
        // What an official account becomes (/accounts/{accountId}/status/closed): the same words for every account.
        ["to"] = "closed",
        // A consent purpose as addresses spell it (/policy/consent-purposes/video): SafeSocial's defaults are in every school's list.
        ["purposeKey"] = "video",
        // Which emails a campaign's send page sends (/consent/campaigns/{campaignId}/send/invitations).
        ["kind"] = "invitations",
        // A link token nobody was sent: the page must say the link is not valid, not fail.
        ["token"] = "not-a-real-token-0000000000000000",
        // A child in the parent portal's address: anyone without a parent's sign-in is sent to it, whatever the child.
        ["childId"] = "00000000-0000-0000-0000-00000000c41d",
    };

    public static string MissingMapping(string parameter, string template) =>
        $"{template}: the access matrix does not know route parameter '{{{parameter}}}'. Add it to RecordLookups.Records " +
        "(tests/SafeSocial.Tests/Web/AccessMatrix/RecordLookups.cs) with the table it names, to RecordLookups.Made if it names something kept outside the database, or to RecordLookups.Values if it names no record.";
}
