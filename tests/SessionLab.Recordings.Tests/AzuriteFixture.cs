using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SessionLab.Recordings.Tests;

/// <summary>
/// Starts the real Azurite blob emulator on a free loopback port with a throw-away folder, and kills it afterwards.
/// It is found through <c>SESSIONLAB_AZURITE_BLOB</c> or at <c>web/node_modules/.bin/azurite-blob</c>; when it is
/// missing every test that needs it fails with the reason, because a skipped Azure test would pass CI untested.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "SESSIONLAB_AZURITE_BLOB";
    public const string AccountName = "devstoreaccount1";

    /// <summary>The published key of the storage emulator's development account; not a secret.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _location;

    public int Port { get; private set; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    public string ConnectionString => ConnectionStringWithKey(DevelopmentAccountKey);

    public string ConnectionStringWithKey(string accountKey) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={accountKey};BlobEndpoint={BlobEndpoint};";

    public async Task InitializeAsync()
    {
        var executable = FindAzurite();
        _location = Directory.CreateTempSubdirectory("sessionlab-azurite-").FullName;
        Port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // No --skipApiVersionCheck: the store pins a service version this Azurite knows, and these tests prove it.
            "--location", _location, "--disableTelemetry", "--silent",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start Azurite at {executable}.");
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortAsync().WaitAsync(TestTimeouts.Startup);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Step);
        }

        _process?.Dispose();
        if (_location is not null && Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    private static string FindAzurite()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable} is '{configured}', which does not exist.");
        }

        var repositoryRoot = FindRepositoryRoot();
        var local = Path.Combine(repositoryRoot, "web", "node_modules", ".bin", "azurite-blob");
        return File.Exists(local)
            ? local
            : throw new InvalidOperationException(
                $"Azurite was not found at {local}. Run `npm ci --no-audit --no-fund` in {Path.Combine(repositoryRoot, "web")} " +
                $"or point {EnvironmentVariable} at an azurite-blob executable. These tests need the real emulator and never skip.");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionLab.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SessionLab.sln above {AppContext.BaseDirectory}, so Azurite cannot be found; set {EnvironmentVariable}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync()
    {
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {Port}:\n{CapturedOutput()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(TestTimeouts.Step);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Enough to explain a failed start, bounded in case Azurite turns chatty.
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string CapturedOutput()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
