namespace SessionLab.Server.Cluster;

/// <summary>Where the nodes of a SessionLab cluster find each other.</summary>
public enum ClusterProvider
{
    /// <summary>One server on its own: the embedded default.</summary>
    Localhost,

    /// <summary>Membership in Azure Table Storage, the same kind of storage account that can hold recordings.</summary>
    AzureStorage,

    /// <summary>Membership in Redis.</summary>
    Redis,
}
