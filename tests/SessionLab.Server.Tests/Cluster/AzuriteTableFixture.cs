namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// Azurite's table service on a free loopback port, for cluster membership in Azure Table Storage. It comes with the
/// browser app's npm packages (<c>web/node_modules/.bin/azurite-table</c>); when missing, the tests fail with the reason.
/// </summary>
public sealed class AzuriteTableFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account key.</summary>
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private LocalServerProcess? _server;
    private string? _folder;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        var executable = RepositoryFile("web", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite was not found at {executable}. Run `npm ci` in web/; ./infra/test.sh does. These tests need the real emulator and never skip.");
        }
        _folder = Directory.CreateTempSubdirectory("sessionlab-azurite-table-").FullName;
        Port = LocalServerProcess.FreePort();
        _server = LocalServerProcess.Start(executable, ["--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", _folder, "--skipApiVersionCheck", "--disableTelemetry", "--silent"]);
        await _server.WaitForPortAsync(Port, TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public static string RepositoryFile(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionLab.sln")))
            {
                return Path.Combine([directory.FullName, .. parts]);
            }
        }
        throw new InvalidOperationException($"No SessionLab.sln above {AppContext.BaseDirectory}.");
    }
}
