using System.Text.Json.Serialization;

namespace SessionLab.Recordings;

/// <summary>
/// One recording of a session. <see cref="ClockOffsetMs"/> is the session clock at the recording's first frame
/// (negative when recording began before the session started), which is how a note's moment maps onto the video.
/// <see cref="CaptureStartedAt"/> is the instant a live capture began (or a file's known start); while it is set the
/// offset follows from it and the session's start in its log, so a recording begun before Start session is placed
/// once the session starts. A person who re-aligns the recording clears it: their offset stands.
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
    DateTimeOffset? CaptureStartedAt,
    // Clients never see where the bytes live: they play through short-lived signed URLs.
    [property: JsonIgnore] BlobName BlobName)
{
    /// <summary>
    /// The recording placed on the clock of a session that started at <paramref name="sessionStartedAt"/>. Until the
    /// session starts its clock reads 0 (as it does for notes taken then), so the stored offset stands.
    /// </summary>
    public Recording OnSessionClock(DateTimeOffset? sessionStartedAt) =>
        CaptureStartedAt is { } captured && sessionStartedAt is { } started
            ? this with { ClockOffsetMs = OffsetBetween(captured, started) }
            : this;

    /// <summary>Whole milliseconds from the session's start to the capture's; negative when capture began first.</summary>
    public static long OffsetBetween(DateTimeOffset captureStartedAt, DateTimeOffset sessionStartedAt) =>
        (long)Math.Round((captureStartedAt - sessionStartedAt).TotalMilliseconds, MidpointRounding.AwayFromZero);

    /// <summary>Whether the session-clock moment <paramref name="clockMs"/> falls within the recording (its end is open while the duration is unknown).</summary>
    public bool Covers(long clockMs) =>
        Status == RecordingStatus.Complete && clockMs >= ClockOffsetMs && (DurationMs is not { } duration || clockMs <= ClockOffsetMs + duration);
}
