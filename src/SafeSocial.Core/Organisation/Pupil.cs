namespace SafeSocial.Core.Organisation;

public class Pupil : IOrganisationOwned
{
    public Guid Id { get; set; }
    /// <summary>The pupil's school.</summary>
    public Guid OrganisationId { get; set; }
    public required string LegalFirstName { get; set; }
    public required string LegalLastName { get; set; }
    public string? PreferredFirstName { get; set; }
    public string? PreferredLastName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    /// <summary>"R" for Reception, then "1" to "13"; as the MIS gives it.</summary>
    public string? YearGroup { get; set; }
    public Guid? ClassId { get; set; }
    public SchoolClass? Class { get; set; }
    public DateOnly? AdmissionDate { get; set; }
    public DateOnly? LeavingDate { get; set; }
    public string? SourcedId { get; set; }
    public List<PupilParent> Parents { get; set; } = [];

    public string KnownAs => $"{PreferredFirstName ?? LegalFirstName} {PreferredLastName ?? LegalLastName}";
    public bool HasLeft(DateOnly today) => LeavingDate is { } d && d <= today;
    /// <summary>Searchable form of every name the pupil goes by, lower case.</summary>
    public string SearchName { get; set; } = "";

    public void RefreshSearchName() =>
        SearchName = string.Join(' ', new[] { LegalFirstName, LegalLastName, PreferredFirstName, PreferredLastName }
            .Where(n => !string.IsNullOrWhiteSpace(n)).Distinct()).ToLowerInvariant();
}
