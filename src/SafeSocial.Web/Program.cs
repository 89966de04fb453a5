using SafeSocial.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
var connectionString = await DatabaseSetup.PrepareAsync(builder);
builder.AddSafeSocial(connectionString);

var app = builder.Build();
if (await Commands.TryRunAsync(app, args, connectionString) is { } exitCode) return exitCode;
if (!await Startup.PrepareDatabaseAsync(app, connectionString)) return 1;
app.UseSafeSocial();
await app.RunAsync();
return 0;

public partial class Program;
