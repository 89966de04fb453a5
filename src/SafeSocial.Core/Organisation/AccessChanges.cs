namespace SafeSocial.Core.Organisation;

/// <summary>
/// A counter this process moves on whenever it saves something that decides who may do what, so every
/// remembered <see cref="PersonAccess"/> is forgotten at once: a removed role stops working on the next request.
/// </summary>
public static class AccessChanges
{
    private static long _generation;

    public static long Generation => Interlocked.Read(ref _generation);

    public static bool Affects(object entity) =>
        entity is RoleAssignment or RolePermissionSetting or StaffMember or Organisation;

    public static void Happened() => Interlocked.Increment(ref _generation);
}
