using SessionLab.Storage;

namespace SessionLab.Server.Cluster;

/// <summary>The <c>Cluster</c> settings: how this server's Orleans silo joins the others.</summary>
public sealed class ClusterHostingOptions
{
    public const string SectionName = "Cluster";

    public ClusterProvider Provider { get; set; } = ClusterProvider.Localhost;

    /// <summary>The membership store: an Azure Storage connection string, or a Redis configuration string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Nodes with the same id form one cluster; a second deployment on the same store needs another id.</summary>
    public string ClusterId { get; set; } = "sessionlab";

    /// <summary>
    /// The port nodes talk to each other on; 0 (the default) takes a free one at start-up. Nodes find each other's
    /// ports in the membership store, so a fixed port is only needed where a firewall must name it. A fixed port that
    /// another server on the same machine already uses is not refused by Orleans, which listens with address reuse:
    /// the two would silently share it.
    /// </summary>
    public int SiloPort { get; set; }

    /// <summary>The port Orleans clients outside the servers would use; 0 (the default) takes a free one.</summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other nodes reach this one on; the first non-loopback IPv4 address when empty.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Why these settings cannot start a server, or null when they can.</summary>
    public string? Problem(StorageOptions storage)
    {
        if (SiloPort is < 0 or > 65535 || GatewayPort is < 0 or > 65535 || (SiloPort != 0 && SiloPort == GatewayPort))
        {
            return "Cluster:SiloPort and Cluster:GatewayPort must be two different ports between 1 and 65535, or 0 for any free port.";
        }
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            return "Cluster:ClusterId must not be empty.";
        }
        if (Provider == ClusterProvider.Localhost)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            return $"Cluster:ConnectionString is required with Cluster:Provider={Provider}.";
        }
        if (storage.Provider != StorageProvider.Postgres)
        {
            return $"A cluster (Cluster:Provider={Provider}) keeps sessions, studies and keys where every node sees them: "
                + "set Storage:Provider=Postgres and Storage:PostgresConnectionString. SQLite is for one server on its own.";
        }
        return null;
    }
}
