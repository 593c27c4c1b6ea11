namespace SessionLab.Recordings;

/// <summary>The <c>Recordings</c> configuration section.</summary>
public sealed class RecordingStorageOptions
{
    public const string SectionName = "Recordings";

    /// <summary>An Azure Storage connection string with an account key. When set, recordings go to Azure Blob Storage (or Azurite); otherwise to <see cref="LocalPath"/>.</summary>
    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "recordings";

    /// <summary>The local store's folder; a relative path is taken from the content root.</summary>
    public string LocalPath { get; set; } = "data/recordings";

    /// <summary>The largest block one upload request may stage; the browser sends a recording in chunks of at most this.</summary>
    public long MaxBlockBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The largest recording the server accepts, over all its blocks.</summary>
    public long MaxRecordingBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>How long a playback URL stays valid; short, because whoever holds it can watch the recording.</summary>
    public TimeSpan ReadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The server route that serves the local store's signed playback URLs.</summary>
    public string PlaybackPath { get; set; } = PlaybackUrlSigner.DefaultBasePath;

    /// <summary>
    /// Base64 key (at least 32 bytes) that signs local playback URLs. When unset, a key is made once and kept in the
    /// store (SQLite or PostgreSQL), so every node of a cluster signs alike and links stay valid across restarts.
    /// </summary>
    public string? PlaybackSigningKey { get; set; }
}
