using Microsoft.EntityFrameworkCore;
using Npgsql;
using SafeSocial.Core.Consent;

namespace SafeSocial.Core.Takedowns;

/// <summary>One consent that stopped counting: the "given" decision that ended, the first day it no longer counted, and why.</summary>
internal sealed record ConsentEnding(ConsentRecord Given, DateOnly EndedOn, TakedownReason Reason);

/// <summary>How the consent register and the daily check open a takedown task.</summary>
internal static class TakedownOpening
{
    /// <summary>The ending of consent between two standings, or null when consent did not go from allowed to not allowed.</summary>
    public static ConsentEnding? Between(ConsentStanding before, ConsentStanding after, DateOnly endedOn, DateOnly? leavingDate)
    {
        if (!before.Allowed || after.Allowed || before.Latest is not { } given) return null;
        var reason = after.Reason switch
        {
            ConsentReason.Lapsed when leavingDate is { } left && left <= endedOn => TakedownReason.Left,
            ConsentReason.Lapsed => TakedownReason.Lapsed,
            _ => TakedownReason.Withdrawn,
        };
        return new ConsentEnding(given, endedOn, reason);
    }

    public static TakedownTask Task(Guid schoolId, Guid pupilId, string pupilName, ConsentPurpose purpose, ConsentEnding ending,
        DateTimeOffset now, DateOnly openedOn, int dueDays, Guid? ownerId) => new()
    {
        Id = Guid.NewGuid(), OrganisationId = schoolId, PupilId = pupilId, Purpose = purpose.Key, PurposeName = purpose.Name,
        Reason = ending.Reason, ConsentEndedOn = ending.EndedOn, EndedConsentRecordId = ending.Given.Id,
        WhatToTakeDown = TakedownText.WhatToTakeDown(purpose.Key, purpose.Name, pupilName),
        OwnerStaffMemberId = ownerId, OpenedAt = now, DueOn = openedOn.AddDays(dueDays), Status = TakedownStatus.Open,
    };

    /// <summary>Another writer opened the task for the same ending first (the unique index said so).</summary>
    public static bool IsDuplicate(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: TakedownConfiguration.OneTaskPerEndedConsent };
}
