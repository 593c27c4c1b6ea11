namespace SessionLab.Server.Tests.Recordings;

/// <summary>
/// A request body from a slow uploader: it reads out the first <paramref name="sentBeforeHold"/> bytes at once and
/// the rest once <paramref name="release"/> completes. Streamed, not buffered, so the server runs while it waits.
/// </summary>
public sealed class HeldBackStream(byte[] bytes, int sentBeforeHold, Task release) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>The body as content with its full length announced.</summary>
    public static HttpContent Content(byte[] bytes, int sentBeforeHold, Task release) =>
        new StreamContent(new HeldBackStream(bytes, sentBeforeHold, release)) { Headers = { ContentLength = bytes.Length } };

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= sentBeforeHold)
        {
            await release.WaitAsync(cancellationToken);
        }
        var end = _position < sentBeforeHold ? sentBeforeHold : bytes.Length;
        var count = Math.Min(buffer.Length, end - _position);
        bytes.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
