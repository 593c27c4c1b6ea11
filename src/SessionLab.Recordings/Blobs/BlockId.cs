using System.Globalization;
using System.Text;

namespace SessionLab.Recordings;

/// <summary>
/// The id of one staged block: a canonical base64 string of 1 to 64 bytes, as Azure requires.
/// Azure also requires every block of one blob to have ids of the same length, which <see cref="FromIndex"/> guarantees.
/// </summary>
public sealed record BlockId
{
    public const int MaxDecodedBytes = 64;

    /// <summary>Azure's limit on the blocks of one blob, and so on <see cref="FromIndex"/>.</summary>
    public const int MaxBlocksPerBlob = 50_000;

    private BlockId(string value, byte[] bytes)
    {
        Value = value;
        _bytes = bytes;
    }

    private readonly byte[] _bytes;

    /// <summary>The base64 form sent to Azure.</summary>
    public string Value { get; }

    /// <summary>The id of the block at <paramref name="index"/> in an upload, so that a resumed upload can tell which blocks it still owes.</summary>
    public static BlockId FromIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxBlocksPerBlob);
        var bytes = Encoding.ASCII.GetBytes(index.ToString("D6", CultureInfo.InvariantCulture));
        return new BlockId(Convert.ToBase64String(bytes), bytes);
    }

    public static BlockId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new byte[MaxDecodedBytes];
        if (!Convert.TryFromBase64String(value, buffer, out var written) || written == 0)
        {
            throw new ArgumentException($"A block id must be base64 of 1 to {MaxDecodedBytes} bytes.", nameof(value));
        }

        var bytes = buffer[..written];

        // Two spellings of the same bytes would name one block twice.
        if (Convert.ToBase64String(bytes) != value)
        {
            throw new ArgumentException("A block id must be canonical base64.", nameof(value));
        }

        return new BlockId(value, bytes);
    }

    /// <summary>The index given to <see cref="FromIndex"/>, or null for an id made some other way.</summary>
    public int? Index =>
        _bytes.Length == 6 && int.TryParse(Encoding.ASCII.GetString(_bytes), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    /// <summary>The decoded bytes as hex: safe as a file name, where base64's '/' is not.</summary>
    internal string ToHex() => Convert.ToHexString(_bytes);

    internal static BlockId FromHex(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        return new BlockId(Convert.ToBase64String(bytes), bytes);
    }

    public bool Equals(BlockId? other) => other is not null && Value == other.Value;

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Value;
}
