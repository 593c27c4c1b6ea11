using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SessionLab.Storage.Tests.Support;

/// <summary>
/// A real PostgreSQL server from the machine's packages, in a temporary cluster on a loopback port, for the
/// lifetime of a test collection. Each test creates its own database. Missing binaries fail the tests loudly:
/// the test command installs PostgreSQL when it is absent.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sessionlab-pg", Guid.NewGuid().ToString("N"));
    private string _binaries = "";
    private int _port;

    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=sessionlab;Database=postgres;Pooling=false;Timeout=15";

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        Directory.CreateDirectory(_folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", Path.GetDirectoryName(_folder)!]);
        }
        _port = FreePort();
        var data = Path.Combine(_folder, "data");
        await RunAsPostgresAsync(asRoot, "initdb", ["-D", data, "-U", "sessionlab", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await RunAsPostgresAsync(asRoot, "pg_ctl", ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=on"]);
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return $"Host=127.0.0.1;Port={_port};Username=sessionlab;Database={name};Timeout=15";
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsPostgresAsync(Environment.UserName == "root", "pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task RunAsPostgresAsync(bool asRoot, string tool, string[] arguments) =>
        asRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. arguments])
            : RunAsync(Path.Combine(_binaries, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("SESSIONLAB_PG_BIN");
        var candidates = configured is { Length: > 0 }
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).OrderDescending().ToArray()
                : [];
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) were not found. Install Debian's 'postgresql' package or set SESSIONLAB_PG_BIN; ./infra/test.sh installs it when missing.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
