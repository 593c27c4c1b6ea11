namespace SessionLab.Recordings;

/// <summary>
/// Starts a recording. <see cref="StartedAt"/> is the instant capture began, by the browser's clock set to the
/// server's; the server places the recording on the session clock from it and the session's start in its log (a live
/// capture without it began now). <see cref="ClockOffsetMs"/> places it directly instead (an uploaded file's entered
/// start; 0 when neither is given); <see cref="ExpectedBytes"/>, when given (a file's size), is enforced as chunks arrive and on completion.
/// <see cref="Kind"/> is nullable only so that a request without it is refused rather than read as a live capture.
/// </summary>
public sealed record CreateRecordingRequest(RecordingKind? Kind, string? ContentType, long? ClockOffsetMs, long? ExpectedBytes, long? DurationMs, DateTimeOffset? StartedAt = null);
