using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Azure.Data.Tables;
using Orleans.Configuration;
using Microsoft.Extensions.Options;
using SessionLab.Recordings;
using SessionLab.Sessions.Grains;
using SessionLab.Storage;

namespace SessionLab.Server.Cluster;

public static class ClusterHosting
{
    /// <summary>
    /// Co-hosts this server's Orleans silo, which activates the session grains. On the embedded default it is a
    /// cluster of one on loopback; with a membership provider it joins the other servers of the deployment.
    /// Returns why the settings cannot start, or null.
    /// </summary>
    public static string? UseSessionLabCluster(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ClusterHostingOptions.SectionName).Get<ClusterHostingOptions>() ?? new();
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new();
        var recordings = builder.Configuration.GetSection(RecordingStorageOptions.SectionName).Get<RecordingStorageOptions>() ?? new();
        if (options.Problem(storage) is { } problem)
        {
            return problem;
        }
        var address = options.Provider == ClusterProvider.Localhost ? IPAddress.Loopback
            : string.IsNullOrWhiteSpace(options.AdvertisedAddress) ? FirstNetworkAddress()
            : IPAddress.Parse(options.AdvertisedAddress);
        var siloPort = options.SiloPort == 0 ? FreePort(address) : options.SiloPort;
        var gatewayPort = options.GatewayPort == 0 ? FreePort(address) : options.GatewayPort;
        builder.UseOrleans(silo =>
        {
            switch (options.Provider)
            {
                case ClusterProvider.Localhost:
                    silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "sessionlab", clusterId: options.ClusterId);
                    break;
                case ClusterProvider.AzureStorage:
                    silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.ConnectionString));
                    JoinCluster(silo, options.ClusterId, address, siloPort, gatewayPort);
                    break;
                case ClusterProvider.Redis:
                    silo.UseRedisClustering(options.ConnectionString!);
                    JoinCluster(silo, options.ClusterId, address, siloPort, gatewayPort);
                    break;
            }
            silo.Configure<SiloMessagingOptions>(m =>
            {
                // A recording's chunk travels to its grain whole (RecordingGrain says why), so a message must fit the
                // largest chunk the settings allow, with room for the call around it.
                m.MaxMessageBodySize = (int)Math.Max(m.MaxMessageBodySize, Math.Min(int.MaxValue, recordings.MaxBlockBytes + (1024 * 1024)));
            });
            // A session nobody is in leaves memory soon (Orleans' default keeps an idle grain for hours); a heap dump
            // of a server left idle after 100,000 large notes showed every note still held by its session's grain.
            silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<SessionGrainOptions>>((collection, sessions) =>
            {
                var idle = sessions.Value.IdleDeactivation;
                collection.ClassSpecificCollectionAge[SessionGrainOptions.GrainClassName] = idle;
                // Idle grains are looked for once per quantum, so a short idle time needs a short quantum to mean anything.
                collection.CollectionQuantum = TimeSpan.FromTicks(Math.Min(collection.CollectionQuantum.Ticks, Math.Max(TimeSpan.FromMilliseconds(500).Ticks, idle.Ticks / 2)));
            });
            silo.Configure<ClusterMembershipOptions>(m =>
            {
                // A killed node is declared dead after three missed one-second probes, so its sessions come back on a
                // survivor within a few seconds rather than the default's tens of seconds.
                m.ProbeTimeout = TimeSpan.FromSeconds(1);
                m.NumMissedProbesLimit = 3;
                m.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                m.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
        });
        return null;
    }

    private static void JoinCluster(ISiloBuilder silo, string clusterId, IPAddress address, int siloPort, int gatewayPort)
    {
        silo.Configure<ClusterOptions>(c =>
        {
            c.ClusterId = clusterId;
            c.ServiceId = "sessionlab";
        });
        silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: false);
    }

    /// <summary>A port free on <paramref name="address"/> now, for a silo whose settings leave the choice to the machine.</summary>
    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IPAddress FirstNetworkAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
        ?? IPAddress.Loopback;
}
