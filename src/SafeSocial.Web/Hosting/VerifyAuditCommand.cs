using SafeSocial.Core.Audit;

namespace SafeSocial.Web.Hosting;

/// <summary>`dotnet run -- verify-audit`: checks every trail, one line each; exit 0 if all are intact, 2 if any is broken.</summary>
public static class VerifyAuditCommand
{
    public const int Broken = CommandExit.AuditTrailBroken;

    public static async Task<int> RunAsync(AuditVerifier verifier, TextWriter output, CancellationToken ct = default)
    {
        var results = await verifier.VerifyAllAsync(ct);
        foreach (var r in results) await output.WriteLineAsync(r.Summary);
        var broken = results.Count(r => !r.Intact);
        await output.WriteLineAsync(broken == 0
            ? $"All {results.Count} audit trails are intact."
            : $"{broken} of {results.Count} audit trails are broken: they have been changed outside SafeSocial.");
        return broken == 0 ? CommandExit.Done : Broken;
    }
}
