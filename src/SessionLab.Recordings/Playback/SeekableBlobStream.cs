
namespace SessionLab.Recordings;

/// <summary>
/// A blob as a seekable stream of known length, so ASP.NET Core's own range processing (Range, If-Range, 206, 416)
/// can serve it. Nothing is read until the first read after a seek, which opens a ranged download from there:
/// a range request streams only from its first byte, never the whole recording.
/// </summary>
internal sealed class SeekableBlobStream(IBlobStore store, BlobName name, long length) : Stream
{
    private BlobDownload? _download;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position)
        {
            CloseDownload();
            _position = target;
        }
        return _position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }
        _download ??= await store.DownloadAsync(name, new ByteRange(_position), cancellationToken);
        var read = await _download.Content.ReadAsync(buffer, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Reads go to the network for the Azure store; blocking a request thread on them is what this type exists to avoid.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the blob asynchronously.");

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseDownload();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_download is { } download)
        {
            _download = null;
            await download.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    private void CloseDownload()
    {
        _download?.Dispose();
        _download = null;
    }
}
