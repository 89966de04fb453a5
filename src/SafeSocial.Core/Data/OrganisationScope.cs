namespace SafeSocial.Core.Data;

/// <summary>
/// The organisations whose records this unit of work may see. It starts closed (nothing visible);
/// a signed-in request opens it to the person's own schools, and system work opens it fully.
/// It is the query-filter backstop behind the authorization handler, not a replacement for it.
/// </summary>
public sealed class OrganisationScope
{
    public bool Unrestricted { get; private set; }
    public Guid[] OrganisationIds { get; private set; } = [];

    public void LimitTo(IEnumerable<Guid> organisationIds)
    {
        Unrestricted = false;
        OrganisationIds = organisationIds.Distinct().ToArray();
    }

    public void OpenForSystemWork() => Unrestricted = true;
}
