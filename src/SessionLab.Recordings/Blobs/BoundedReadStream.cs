namespace SessionLab.Recordings;

/// <summary>
/// A forward-only view of the next <c>length</c> bytes of another stream. When exactness is required it throws
/// <see cref="InvalidDataException"/> if the inner stream ends early or goes on past the length, so that a truncated
/// or oversized block fails its upload instead of being stored with the wrong bytes.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long length, bool requireExactLength, bool ownsInner) : Stream
{
    private readonly long _length = length;
    private long _remaining = length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _length - _remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0)
        {
            if (requireExactLength && buffer.Length > 0 && inner.Read(stackalloc byte[1]) > 0)
            {
                throw TooLong();
            }

            return 0;
        }

        var read = inner.Read(buffer[..Clamp(buffer.Length)]);
        return Account(read, buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0)
        {
            if (requireExactLength && buffer.Length > 0 && await inner.ReadAsync(new byte[1], cancellationToken) > 0)
            {
                throw TooLong();
            }

            return 0;
        }

        var read = await inner.ReadAsync(buffer[..Clamp(buffer.Length)], cancellationToken);
        return Account(read, buffer.Length);
    }

    private int Clamp(int requested) => (int)Math.Min(requested, _remaining);

    private int Account(int read, int requested)
    {
        if (read == 0 && requested > 0 && requireExactLength)
        {
            throw new InvalidDataException($"The content ended after {_length - _remaining} of the {_length} bytes declared.");
        }

        _remaining -= read;
        return read;
    }

    private InvalidDataException TooLong() => new($"The content is longer than the {_length} bytes declared.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (ownsInner)
        {
            await inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
