namespace SafeSocial.Core.Consent;

/// <summary>A place or way a pupil's image may be used, named in the school's own words.</summary>
public sealed record ConsentPurpose(string Key, string Name)
{
    public const string DisplaysInSchool = "displays-in-school";
    public const string SchoolWebsite = "school-website";
    public const string SchoolSocialMedia = "school-social-media";
    public const string TrustSocialMedia = "trust-social-media";
    public const string PressAndLocalMedia = "press-and-local-media";
    public const string Video = "video";
    /// <summary>Not a channel: whether the pupil's first name may be shown alongside an image (off unless given).</summary>
    public const string FirstNameWithImage = "first-name-with-image";

    public static readonly IReadOnlyList<ConsentPurpose> Defaults =
    [
        new(DisplaysInSchool, "Displays inside school"),
        new(SchoolWebsite, "School website"),
        new(SchoolSocialMedia, "The school's social media accounts"),
        new(TrustSocialMedia, "The trust's social media accounts"),
        new(PressAndLocalMedia, "Press and local media"),
        new(Video, "Video"),
        new(FirstNameWithImage, "Pupil's first name shown with an image"),
    ];
}

/// <summary>How long a given consent lasts, as the school's policy says.</summary>
public enum ConsentValidity
{
    /// <summary>"For the whole time at the school": until the pupil leaves or it is withdrawn.</summary>
    WholeEnrolment,
    /// <summary>"Per academic year": sought every September, lapses at the end of August.</summary>
    AcademicYear,
}

/// <summary>
/// The consent rules a school works to, read from its layered policy settings by <see cref="ConsentPolicyService"/>.
/// <see cref="Default"/> is SafeSocial's own, for a school that has set nothing.
/// </summary>
public sealed record ConsentPolicy(ConsentValidity Validity, IReadOnlyList<ConsentPurpose> Purposes, int TakedownDueDays = 30)
{
    public static readonly ConsentPolicy Default = new(ConsentValidity.WholeEnrolment, ConsentPurpose.Defaults);

    /// <summary>From this age a pupil judged competent may decide for themselves (a policy setting).</summary>
    public int CompetenceAge { get; init; } = Policy.EffectivePolicySettings.Defaults.ConsentCompetenceAge;

    /// <summary>Whether the pupil may be the one who decides on <paramref name="on"/>: 18 or over, or at least the competence age (with an assessment).</summary>
    public bool PupilMayDecide(DateOnly? dateOfBirth, DateOnly on) => OldEnough(dateOfBirth, on, CompetenceAge);

    public static bool OldEnough(DateOnly? dateOfBirth, DateOnly on, int competenceAge) =>
        dateOfBirth is { } dob && dob.AddYears(Math.Min(competenceAge, 18)) <= on;

    public ConsentPurpose? Purpose(string key) => Purposes.FirstOrDefault(p => p.Key == key);

    public bool HasPurpose(string key) => Purposes.Any(p => p.Key == key);

    /// <summary>The last day a consent given on <paramref name="givenOn"/> counts, or null when it runs until the pupil leaves.</summary>
    public DateOnly? LastValidDay(DateOnly givenOn) => Validity switch
    {
        ConsentValidity.AcademicYear => new DateOnly(givenOn.Month >= 9 ? givenOn.Year + 1 : givenOn.Year, 8, 31),
        _ => null,
    };
}
