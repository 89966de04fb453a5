using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Accounts.Custody;

/// <summary>What happened to an official account's sign-in details that the people with custody are told of.</summary>
public enum CustodyEvent { Revealed, PasswordChanged, EmergencyAccess, RecoveryCodesRevealed, TwoFactorSeedRevealed }

/// <summary>Where a notice's email stands: waiting (to be sent, or retried), sent, no address to send to, or given up on.</summary>
public enum CustodyEmailState { Pending, Sent, NoAddress, GaveUp }

/// <summary>Who the policy says is told when an official account's password is revealed or changed.</summary>
public enum CustodyNoticeRecipients { HeadOfCommunications, Headteacher, Both }

/// <summary>
/// One person told of one reveal, change or emergency access, written in the same transaction as the action: the
/// record that they were told survives even if the email is lost. Never holds the secret.
/// </summary>
public class CustodyNotice : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The school or trust that owns the account.</summary>
    public Guid OrganisationId { get; set; }
    public Guid OfficialAccountId { get; set; }
    public CustodyEvent Event { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string ActorName { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? Reason { get; set; }
    /// <summary>The staff member told (of the school or its trust); no foreign key, so the record outlives the staff record.</summary>
    public Guid RecipientStaffMemberId { get; set; }
    public required string RecipientName { get; set; }
    /// <summary>Null when the person has no email address: the notice stands, unsent.</summary>
    public string? RecipientEmail { get; set; }
    /// <summary>Why this person is told: "Admin of the account", "Head of communications"...</summary>
    public required string RecipientCapacity { get; set; }

    /// <summary>Rows from before delivery was recorded were sent once at the time, and count as sent with no EmailedAt.</summary>
    public CustodyEmailState EmailState { get; set; }
    public DateTimeOffset? EmailedAt { get; set; }
    public int EmailAttempts { get; set; }
    /// <summary>When a waiting email is next due a try: a little after the action, so the try made at once goes first.</summary>
    public DateTimeOffset? NextEmailAt { get; set; }
    /// <summary>The mail server's last refusal, cut short: the email never holds the secret, so neither does this.</summary>
    public string? LastEmailError { get; set; }
}

public static class CustodyEvents
{
    public static string Describe(CustodyEvent e) => e switch
    {
        CustodyEvent.Revealed => "revealed the password",
        CustodyEvent.PasswordChanged => "changed the password",
        CustodyEvent.RecoveryCodesRevealed => "revealed the recovery codes",
        CustodyEvent.TwoFactorSeedRevealed => "revealed the two-factor seed",
        _ => "opened the account in an emergency",
    };

    /// <summary>What the "who was told" list adds about the email; nothing once it was sent.</summary>
    public static string EmailNote(CustodyNotice n) => n.EmailState switch
    {
        CustodyEmailState.Sent => "",
        CustodyEmailState.NoAddress => ", who has no email address",
        CustodyEmailState.GaveUp => $", but the email could not be delivered after {n.EmailAttempts} tries",
        _ => n.EmailAttempts == 0 ? ", email not yet delivered" : $", email not yet delivered ({n.EmailAttempts} failed {(n.EmailAttempts == 1 ? "try" : "tries")}, trying again)",
    };
}

internal sealed class CustodyConfiguration : IEntityTypeConfiguration<CustodyNotice>, IEntityTypeConfiguration<EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<CustodyNotice> b)
    {
        b.Property(n => n.Event).HasConversion<string>().HasMaxLength(30);
        b.Property(n => n.ActorName).HasMaxLength(200);
        b.Property(n => n.Reason).HasMaxLength(EmergencyAccess.ReasonLength);
        b.Property(n => n.RecipientName).HasMaxLength(200);
        b.Property(n => n.RecipientEmail).HasMaxLength(320);
        b.Property(n => n.RecipientCapacity).HasMaxLength(200);
        b.HasIndex(n => new { n.OfficialAccountId, n.OccurredAt });
        b.HasIndex(n => n.OrganisationId);
        b.Property(n => n.EmailState).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.LastEmailError).HasMaxLength(CustodyNoticeDelivery.ErrorLength);
        b.HasIndex(n => new { n.EmailState, n.NextEmailAt });
        b.HasOne<OfficialAccount>().WithMany().HasForeignKey(n => n.OfficialAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(n => n.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<EmergencyAccess> b)
    {
        b.Property(e => e.AccessedBy).HasMaxLength(200);
        b.Property(e => e.Reason).HasMaxLength(EmergencyAccess.ReasonLength);
        b.Property(e => e.ReviewedBy).HasMaxLength(200);
        b.Property(e => e.ReviewNote).HasMaxLength(EmergencyAccess.ReviewNoteLength);
        b.HasIndex(e => new { e.OrganisationId, e.ReviewedAt });
        b.HasIndex(e => e.OfficialAccountId);
        b.HasOne<OfficialAccount>().WithMany().HasForeignKey(e => e.OfficialAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
