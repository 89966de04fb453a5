using SafeSocial.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (Commands.Requested(args)) return await Commands.RunAsync(builder, args);

if (MasterKeySetup.Load(builder, out var masterKeyProblem) is not { } masterKey)
    return CommandExit.Fail(CommandExit.Configuration, masterKeyProblem!);
var connectionString = await DatabaseSetup.PrepareAsync(builder);
builder.AddSafeSocial(connectionString, masterKey);

var app = builder.Build();
if (await Startup.PrepareDatabaseAsync(app, connectionString) is { } cannotStart) return cannotStart;
app.UseSafeSocial();
await app.RunAsync();
return CommandExit.Done;

public partial class Program;
