namespace SessionLab.Recordings;

/// <summary>
/// An open read of a blob or of a range of it. <see cref="Content"/> streams from the store and holds its
/// connection or file handle until disposed, so that recordings are never buffered whole in memory.
/// </summary>
public sealed class BlobDownload : IDisposable, IAsyncDisposable
{
    private readonly IDisposable? _owner;

    public BlobDownload(Stream content, BlobProperties properties, long offset, long length, IDisposable? owner = null)
    {
        Content = content;
        Properties = properties;
        Offset = offset;
        Length = length;
        _owner = owner;
    }

    public Stream Content { get; }

    /// <summary>The whole blob's properties; <see cref="BlobProperties.Length"/> is the total, not the range.</summary>
    public BlobProperties Properties { get; }

    /// <summary>The first byte <see cref="Content"/> holds.</summary>
    public long Offset { get; }

    /// <summary>How many bytes <see cref="Content"/> holds.</summary>
    public long Length { get; }

    public void Dispose()
    {
        Content.Dispose();
        _owner?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        _owner?.Dispose();
    }
}
