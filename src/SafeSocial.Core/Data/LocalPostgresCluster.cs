using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace SafeSocial.Core.Data;

/// <summary>
/// A private PostgreSQL cluster in a folder of our own, made with Debian's initdb and run with pg_ctl,
/// used when no connection string is configured. PostgreSQL refuses to run as root, so as root the
/// cluster belongs to the postgres user and is driven through runuser.
/// </summary>
/// <param name="durable">False only for throwaway clusters (tests): skips fsync, which is unsafe for real data after a crash.</param>
public sealed class LocalPostgresCluster(string folder, bool durable = true) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetFullPath(folder), "cluster");
    private readonly string _passwordFile = Path.Combine(Path.GetFullPath(folder), "cluster-password");
    private readonly string _ownerFile = Path.Combine(Path.GetFullPath(folder), "cluster-owner");
    private bool _startedHere;

    public int Port { get; private set; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={File.ReadAllText(_passwordFile).Trim()};Database={database};Include Error Detail=true";

    public static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")));
    }

    public static string MissingBinariesMessage =>
        "PostgreSQL's server programs (initdb, pg_ctl) were not found under /usr/lib/postgresql. " +
        "Install them with 'sudo apt-get install postgresql', or set ConnectionStrings__SafeSocial to a PostgreSQL server you have.";

    /// <summary>Creates the cluster on first use, starts it (or finds it already running), and makes sure the database exists.</summary>
    public async Task StartAsync(string database)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(MissingBinariesMessage);
        Directory.CreateDirectory(Path.GetDirectoryName(_data)!);
        if (!File.Exists(Path.Combine(_data, "PG_VERSION"))) Initialise(bin);

        Port = RunningPort() ?? 0;
        if (Port == 0)
        {
            Port = FreePort();
            var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_data} -c max_connections=200" + (durable ? "" : " -c fsync=off -c synchronous_commit=off");
            Run(bin, "pg_ctl", "-D", _data, "-o", options, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "60", "start");
            TakeOwnership();
        }
        else if (!OwnerIsAlive())
        {
            // Left running by a run that was killed: ours now, to stop when we stop.
            TakeOwnership();
        }
        // Otherwise the running site owns it: a command run beside it must leave it running.
        await CreateDatabaseIfMissingAsync(database);
    }

    public void Stop()
    {
        if (!_startedHere) return;
        _startedHere = false;
        File.Delete(_ownerFile);
        var bin = FindBinaries();
        if (bin is not null) Run(bin, "pg_ctl", "-D", _data, "-m", "fast", "-w", "stop");
    }

    public void Dispose() => Stop();

    private void Initialise(string bin)
    {
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(_passwordFile, password);
        File.SetUnixFileMode(_passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(_data);
        var pwfile = Path.Combine(_data, "..", ".initdb-pw");
        File.WriteAllText(pwfile, password);
        ChownIfRoot(_data, pwfile);
        try
        {
            Run(bin, "initdb", "-D", _data, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile", pwfile);
        }
        finally { File.Delete(pwfile); }
    }

    private void TakeOwnership()
    {
        File.WriteAllText(_ownerFile, Environment.ProcessId.ToString());
        _startedHere = true;
    }

    private bool OwnerIsAlive()
    {
        if (!File.Exists(_ownerFile) || !int.TryParse(File.ReadAllText(_ownerFile), out var pid)) return false;
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    private int? RunningPort()
    {
        // postmaster.pid: line 1 is the process id, line 4 the port.
        var pidFile = Path.Combine(_data, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port)) return null;
        try { return Process.GetProcessById(pid).HasExited ? null : port; }
        catch (ArgumentException) { return null; }
    }

    private async Task CreateDatabaseIfMissingAsync(string database)
    {
        await using var conn = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", conn);
            await create.ExecuteNonQueryAsync();
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void ChownIfRoot(params string[] paths)
    {
        if (!IsRoot) return;
        foreach (var p in paths) Exec("chown", "-R", "postgres:postgres", p);
        Exec("chmod", "700", paths[0]);
    }

    private static void Run(string bin, string program, params string[] args)
    {
        var exe = Path.Combine(bin, program);
        if (IsRoot) Exec("runuser", ["-u", "postgres", "--", exe, .. args]);
        else Exec(exe, args);
    }

    private static void Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' failed ({p.ExitCode}): {stderr}{stdout.Result}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
