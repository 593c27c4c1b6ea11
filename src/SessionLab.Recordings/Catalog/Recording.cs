using System.Text.Json.Serialization;

namespace SessionLab.Recordings;

/// <summary>
/// One recording of a session. <see cref="ClockOffsetMs"/> is the session clock at the recording's first frame
/// (negative when recording began before the session started), which is how a note's moment maps onto the video.
/// </summary>
public sealed record Recording(
    string Id,
    string SessionId,
    string StudyId,
    RecordingKind Kind,
    string ContentType,
    long ClockOffsetMs,
    long? DurationMs,
    long? ExpectedBytes,
    RecordingStatus Status,
    long? Bytes,
    int? ChunkCount,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    // Clients never see where the bytes live: they play through short-lived signed URLs.
    [property: JsonIgnore] BlobName BlobName)
{
    /// <summary>Whether the session-clock moment <paramref name="clockMs"/> falls within the recording (its end is open while the duration is unknown).</summary>
    public bool Covers(long clockMs) =>
        Status == RecordingStatus.Complete && clockMs >= ClockOffsetMs && (DurationMs is not { } duration || clockMs <= ClockOffsetMs + duration);
}
