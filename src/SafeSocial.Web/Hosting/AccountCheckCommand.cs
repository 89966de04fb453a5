using System.Globalization;
using SafeSocial.Core;
using SafeSocial.Web.Accounts;

namespace SafeSocial.Web.Hosting;

/// <summary>`account-check [yyyy-mm-dd]`: ends leavers' admin access to official accounts and emails the account reminders.</summary>
public static class AccountCheckCommand
{
    public static async Task<int> RunAsync(IServiceProvider sp, string[] args)
    {
        var on = UkTime.Today(sp.GetRequiredService<TimeProvider>());
        if (args.Length > 0 && !DateOnly.TryParseExact(args[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out on))
        {
            await Console.Error.WriteLineAsync($"'{args[0]}' is not a date: give it as yyyy-mm-dd, for example 2026-09-01.");
            return CommandExit.Usage;
        }
        var report = await sp.GetRequiredService<AccountCheck>().RunAsync(on, sp.GetRequiredService<IConfiguration>()["SafeSocial:PublicUrl"]);
        Console.WriteLine(report);
        return CommandExit.Done;
    }
}
