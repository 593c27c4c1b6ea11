namespace SessionLab.Recordings;

/// <summary>
/// Starts a recording. <see cref="ClockOffsetMs"/> defaults to the session clock now for a live capture and to 0 for
/// an uploaded file; <see cref="ExpectedBytes"/>, when given (a file's size), is enforced as chunks arrive and on completion.
/// <see cref="Kind"/> is nullable only so that a request without it is refused rather than read as a live capture.
/// </summary>
public sealed record CreateRecordingRequest(RecordingKind? Kind, string? ContentType, long? ClockOffsetMs, long? ExpectedBytes, long? DurationMs);
