using System.Globalization;

namespace SessionLab.Recordings;

/// <summary>A byte range to read: from <see cref="Offset"/>, <see cref="Length"/> bytes or, when null, to the end.</summary>
public sealed record ByteRange
{
    public ByteRange(long offset, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l, nameof(length));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(l, long.MaxValue - offset, nameof(length));
        }

        Offset = offset;
        Length = length;
    }

    public long Offset { get; }

    public long? Length { get; }

    /// <summary>The inclusive last byte, or null for "to the end".</summary>
    public long? LastByte => Length is { } length ? Offset + length - 1 : null;

    /// <summary>The HTTP form, <c>bytes=first-last</c> or <c>bytes=first-</c>.</summary>
    public string ToHttpRange() => string.Create(CultureInfo.InvariantCulture, $"bytes={Offset}-{LastByte}");
}
