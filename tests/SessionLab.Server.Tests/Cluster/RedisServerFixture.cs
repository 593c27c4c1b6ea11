namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// Debian's redis-server on a free loopback port, holding nothing on disk, for cluster membership. Missing binaries
/// fail the tests with the reason: the test command installs redis-server when it is absent.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private LocalServerProcess? _server;
    private string? _folder;

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server was not found. Install Debian's 'redis-server' package; ./infra/test.sh installs it when missing.");
        _folder = Directory.CreateTempSubdirectory("sessionlab-redis-").FullName;
        Port = LocalServerProcess.FreePort();
        _server = LocalServerProcess.Start(executable, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder]);
        await _server.WaitForPortAsync(Port, TimeSpan.FromSeconds(30));
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
}
