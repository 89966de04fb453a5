using SafeSocial.Core.Demo;

namespace SafeSocial.Web.Hosting;

/// <summary>Tells a newcomer, on the console, where SafeSocial is and how to sign in to the demo.</summary>
public static class DemoWelcome
{
    public static void Print(WebApplication app, DemoSeeder seeder)
    {
        var address = app.Urls.FirstOrDefault() ?? "http://localhost:5000";
        var lines = new List<string>
        {
            "",
            "SafeSocial is running with demo data.",
            $"  Open {address} and sign in with any account below. Password for all: \"{DemoSeeder.Password}\"",
            $"  Accounts marked 2FA ask for a 6-digit code: add the key {DemoSeeder.AuthenticatorKey} to an authenticator app,",
            "  or, in development only, read the current code shown on the code page itself.",
            $"  Mail (invitations and links) is not sent in development: read it at {address}/dev/mailbox",
            $"  Parent portal: open {address}/parents/sign-in and enter {DemoParents.Parent} (a child at each school)",
            $"  or {DemoParents.CarerWithoutResponsibility} (a carer without parental responsibility); the sign-in link arrives in the mailbox.",
            "",
        };
        lines.AddRange(seeder.Accounts.Select(a => $"  {(a.UsesTwoFactor ? "2FA" : "   ")}  {a.Email,-55} {a.Role} ({a.SchoolOrTrust})"));
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
