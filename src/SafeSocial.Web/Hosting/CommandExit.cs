namespace SafeSocial.Web.Hosting;

/// <summary>
/// The exit codes of SafeSocial's commands and of the site itself, one per kind of outcome, so a cron job can tell
/// "found a problem" from "could not run" (listed in README). 64 and up follow BSD's sysexits.h.
/// </summary>
public static class CommandExit
{
    /// <summary>Done; for verify-audit, every trail is intact.</summary>
    public const int Done = 0;
    /// <summary>Ran, but could not do all of it (a credential it could not read, a change it refused): the reason is printed.</summary>
    public const int NotDone = 1;
    /// <summary>verify-audit only: an audit trail has been changed outside SafeSocial.</summary>
    public const int AuditTrailBroken = 2;
    /// <summary>An unknown command or a wrong argument.</summary>
    public const int Usage = 64;
    /// <summary>The database could not be reached, started or brought up to date.</summary>
    public const int DatabaseUnavailable = 69;
    /// <summary>Something SafeSocial did not expect: a fault to report, with the one line printed.</summary>
    public const int Unexpected = 70;
    /// <summary>A setting is missing or wrong, such as the master key for a command that needs it.</summary>
    public const int Configuration = 78;

    /// <summary>Prints the reason as one line on standard error and gives the code back.</summary>
    public static int Fail(int code, string reason, TextWriter? errors = null)
    {
        (errors ?? Console.Error).WriteLine(OneLine(reason));
        return code;
    }

    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
