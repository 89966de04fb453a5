using System.Security.Cryptography;
using System.Text;

namespace SafeSocial.Core.Audit;

public static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>PostgreSQL keeps microseconds; rounding first makes the hash the same after a round trip.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    public static string Compute(AuditEntry e)
    {
        var text = string.Join('\u001f',
            e.OrganisationId, e.Sequence, e.OccurredAt.UtcTicks, e.ActorUserId, e.ActorName, e.Action,
            e.EntityType, e.EntityId, e.Changes, e.Reason, e.IpAddress, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
