using SafeSocial.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (MasterKeySetup.Load(builder, out var masterKeyProblem) is not { } masterKey)
{
    Console.Error.WriteLine(masterKeyProblem);
    return 1;
}
var connectionString = await DatabaseSetup.PrepareAsync(builder);
builder.AddSafeSocial(connectionString, masterKey);

var app = builder.Build();
if (await Commands.TryRunAsync(app, args, connectionString) is { } exitCode) return exitCode;
if (!await Startup.PrepareDatabaseAsync(app, connectionString)) return 1;
app.UseSafeSocial();
await app.RunAsync();
return 0;

public partial class Program;
