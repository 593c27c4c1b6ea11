using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace SessionLab.Recordings;

/// <summary>
/// The media a recording may be, and the file extension its blob gets. Parameters (MediaRecorder's
/// <c>video/webm;codecs=vp8,opus</c>) are dropped: the container type is what players and ffmpeg need.
/// </summary>
public static class RecordingContentTypes
{
    private static readonly FrozenDictionary<string, string> Extensions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["video/webm"] = ".webm",
        ["video/mp4"] = ".mp4",
        ["video/quicktime"] = ".mov",
        ["audio/webm"] = ".weba",
        ["audio/mp4"] = ".m4a",
        ["audio/ogg"] = ".ogg",
        ["audio/mpeg"] = ".mp3",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Allowed => Extensions.Keys;

    public static bool TryNormalize(string? contentType, [NotNullWhen(true)] out string? mediaType)
    {
        mediaType = contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (mediaType is not null && Extensions.ContainsKey(mediaType))
        {
            return true;
        }
        mediaType = null;
        return false;
    }

    public static string ExtensionOf(string mediaType) => Extensions[mediaType];
}
