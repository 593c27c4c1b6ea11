using SessionLab.Server.Tests.Support;
using System.Globalization;

namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// One SessionLab server process, as deployed: its own HTTP port and silo port, PostgreSQL for everything it keeps,
/// and cluster membership in Redis or Azure Table Storage. <see cref="KillAsync"/> is kill -9.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly LocalServerProcess _process;
    private readonly string _dataDirectory;

    private ClusterNode(LocalServerProcess process, string dataDirectory, int siloPort, Uri baseUrl)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        SiloPort = siloPort;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int SiloPort { get; }

    public string Output => _process.Output;

    /// <summary>Starts a node; <paramref name="extraArguments"/> are further settings, such as a recordings folder the nodes share.</summary>
    public static async Task<ClusterNode> StartAsync(string clusterProvider, string membership, string clusterId, string postgres, IEnumerable<string>? extraArguments = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("sessionlab-node-").FullName;
        var siloPort = LocalServerProcess.FreePort();
        var process = LocalServerProcess.Start("dotnet", [
            Path.Combine(AppContext.BaseDirectory, "sessionlab.dll"),
            "--urls", "http://127.0.0.1:0",
            $"--Storage:DataDirectory={dataDirectory}",
            "--Storage:Provider=Postgres",
            $"--Storage:PostgresConnectionString={postgres}",
            $"--Cluster:Provider={clusterProvider}",
            $"--Cluster:ConnectionString={membership}",
            $"--Cluster:ClusterId={clusterId}",
            $"--Cluster:SiloPort={siloPort.ToString(CultureInfo.InvariantCulture)}",
            "--Cluster:AdvertisedAddress=127.0.0.1",
            // Every node names the same first owner; whichever starts first creates it in the shared accounts tables.
            .. SessionLabFactory.InitialOwnerArguments,
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans=Warning",
            .. extraArguments ?? [],
        ]);
        try
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith("SessionLab is listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            return new ClusterNode(process, dataDirectory, siloPort, new Uri(line["SessionLab is listening on ".Length..].Trim()));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
