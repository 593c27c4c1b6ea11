using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SessionLab.Storage.Tests.Support;

namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// Server processes in one cluster on Redis membership and one PostgreSQL, for tests that kill a node, with an Orleans
/// client that finds which node holds a grain (the node to kill).
/// </summary>
internal sealed class KillableCluster : IAsyncDisposable
{
    private readonly PostgresServerFixture _postgres = new();
    private readonly RedisServerFixture _redis = new();
    private readonly List<ClusterNode> _nodes = [];
    private IHost? _orleansClient;
    private string _clusterId = "";
    private string _database = "";
    private IEnumerable<string>? _extraArguments;

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>Starts <paramref name="nodeCount"/> nodes; <paramref name="extraArguments"/> are further settings every node gets.</summary>
    public static async Task<KillableCluster> StartAsync(int nodeCount, IEnumerable<string>? extraArguments = null)
    {
        var cluster = new KillableCluster();
        var clusterId = "killable-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await Task.WhenAll(cluster._postgres.InitializeAsync(), cluster._redis.InitializeAsync());
            var database = await cluster._postgres.CreateDatabaseAsync();
            (cluster._clusterId, cluster._database, cluster._extraArguments) = (clusterId, database, extraArguments);
            for (var i = 0; i < nodeCount; i++)
            {
                await cluster.AddNodeAsync();
            }
            cluster._orleansClient = Host.CreateDefaultBuilder()
                .UseOrleansClient(client =>
                {
                    client.UseRedisClustering(cluster._redis.ConnectionString);
                    client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "sessionlab"));
                })
                .Build();
            await cluster._orleansClient.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more node in the cluster: a replacement for a killed one, say.</summary>
    public async Task<ClusterNode> AddNodeAsync()
    {
        var node = await ClusterNode.StartAsync("Redis", _redis.ConnectionString, _clusterId, _database, _extraArguments);
        _nodes.Add(node);
        return node;
    }

    /// <summary>The node whose silo holds the activation of the grain of <paramref name="grainType"/> with <paramref name="key"/>.</summary>
    public async Task<ClusterNode> NodeHoldingAsync(string grainType, string key)
    {
        var management = _orleansClient!.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var activation = Assert.Single(
            await management.GetDetailedGrainStatistics(),
            a => a.GrainId.Type.ToString() == grainType && a.GrainId.Key.ToString() == key);
        return _nodes.Single(n => n.SiloPort == activation.SiloAddress.Endpoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_orleansClient is not null)
        {
            try
            {
                await _orleansClient.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (OperationCanceledException)
            {
            }
            _orleansClient.Dispose();
        }
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
