using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Accounts;

/// <summary>What an account is reminded about.</summary>
public enum AccountReminderKind { PasswordChangeNeeded, NoTrainedAdmin, TrainingExpiring, PasswordOld, NoPasswordStored, ReviewDue }

/// <summary>When the people who manage accounts were last emailed about one kind of reminder for one account: at most once a day.</summary>
public class AccountReminderSent : IOrganisationOwned
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid OfficialAccountId { get; set; }
    public AccountReminderKind Kind { get; set; }
    public DateTimeOffset RemindedAt { get; set; }
}

internal sealed class AccountReminderSentConfiguration : IEntityTypeConfiguration<AccountReminderSent>
{
    public void Configure(EntityTypeBuilder<AccountReminderSent> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(r => new { r.OfficialAccountId, r.Kind }).IsUnique();
        b.HasIndex(r => r.OrganisationId);
        b.HasOne<OfficialAccount>().WithMany().HasForeignKey(r => r.OfficialAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
