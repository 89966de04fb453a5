using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeSocial.Core.Organisation;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Accounts;

/// <summary>A pupil with their own sign-in on an official account that lets pupils contribute; never one under its minimum user age.</summary>
public class PupilContributor : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The account's school or trust.</summary>
    public Guid OrganisationId { get; set; }
    public Guid OfficialAccountId { get; set; }
    public Guid PupilId { get; set; }
    public Pupil? Pupil { get; set; }
    public DateOnly AddedOn { get; set; }
    public required string AddedBy { get; set; }
    public Guid? AddedByUserId { get; set; }
}

/// <summary>Age against a platform's minimum, as the law counts it: a pupil born on 29 February turns a year older on 1 March.</summary>
public static class MinimumAge
{
    /// <summary>Born after this day means under the minimum age today (someone born exactly then reaches it today).</summary>
    public static DateOnly BornAfterMeansUnder(DateOnly today, int minimumAge) => today.AddYears(-minimumAge);

    public static bool IsUnder(DateOnly dateOfBirth, DateOnly today, int minimumAge) => dateOfBirth > BornAfterMeansUnder(today, minimumAge);

    /// <summary>Whole years of age on the day.</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly today)
    {
        var age = today.Year - dateOfBirth.Year;
        return IsUnder(dateOfBirth, today, age) ? age - 1 : age;
    }
}

internal sealed class PupilContributorConfiguration : IEntityTypeConfiguration<PupilContributor>
{
    public void Configure(EntityTypeBuilder<PupilContributor> b)
    {
        b.Property(c => c.AddedBy).HasMaxLength(200);
        b.HasIndex(c => new { c.OfficialAccountId, c.PupilId }).IsUnique();
        b.HasIndex(c => c.PupilId);
        b.HasOne<OfficialAccount>().WithMany().HasForeignKey(c => c.OfficialAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Pupil).WithMany().HasForeignKey(c => c.PupilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Org>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
