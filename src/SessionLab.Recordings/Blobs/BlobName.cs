using System.Diagnostics.CodeAnalysis;

namespace SessionLab.Recordings;

/// <summary>
/// A validated blob name such as <c>studies/{studyId}/sessions/{sessionId}/recordings/{recordingId}.webm</c>.
/// The charset is deliberately narrower than Azure's: names become file paths in the local store and URL paths
/// in the Azure one, so nothing that a path or URL parser treats specially (dots-only segments, backslashes,
/// percent signs, leading slashes, empty segments) may appear.
/// </summary>
public sealed record BlobName
{
    public const int MaxLength = 1024;
    public const int MaxSegmentLength = 255;

    private BlobName(string value) => Value = value;

    public string Value { get; }

    public static BlobName Parse(string value) =>
        Validate(value, isPrefix: false) is { } error ? throw new ArgumentException(error, nameof(value)) : new BlobName(value);

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out BlobName? name)
    {
        name = value is not null && Validate(value, isPrefix: false) is null ? new BlobName(value) : null;
        return name is not null;
    }

    /// <summary>Throws unless <paramref name="prefix"/> is empty or could begin a valid name; its last segment may be partial.</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && Validate(prefix, isPrefix: true) is { } error)
        {
            throw new ArgumentException(error, nameof(prefix));
        }
    }

    public bool StartsWith(string prefix) => Value.StartsWith(prefix, StringComparison.Ordinal);

    public override string ToString() => Value;

    private static string? Validate(string value, bool isPrefix)
    {
        if (value.Length == 0)
        {
            return "A blob name must not be empty.";
        }

        if (value.Length > MaxLength)
        {
            return $"A blob name must be at most {MaxLength} characters long.";
        }

        var segments = value.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var isLast = i == segments.Length - 1;
            if (SegmentError(segments[i], partial: isPrefix && isLast) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? SegmentError(string segment, bool partial)
    {
        if (segment.Length == 0)
        {
            return partial ? null : "A blob name must not start or end with '/' nor contain '//'.";
        }

        if (segment.Length > MaxSegmentLength)
        {
            return $"Each part of a blob name must be at most {MaxSegmentLength} characters long.";
        }

        // A segment that starts with a letter or digit can be neither "." nor ".." nor a hidden file.
        if (!char.IsAsciiLetterOrDigit(segment[0]))
        {
            return "Each part of a blob name must start with an ASCII letter or digit.";
        }

        foreach (var c in segment)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
            {
                return "A blob name may contain only ASCII letters, digits, '.', '-', '_' and '/' between parts.";
            }
        }

        // Windows drops trailing dots from file names, which would make two names share one file.
        return !partial && segment[^1] == '.' ? "A part of a blob name must not end with '.'." : null;
    }
}
