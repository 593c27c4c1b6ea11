namespace SessionLab.Recordings;

/// <summary>
/// How many seconds of the recording a note's clip shows before and after the note's moment. Both are required; they
/// are nullable only so that a missing one is refused rather than read as 0.
/// </summary>
public sealed record SetClipWindowRequest(double? BeforeSeconds, double? AfterSeconds);
