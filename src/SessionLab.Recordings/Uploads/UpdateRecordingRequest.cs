namespace SessionLab.Recordings;

/// <summary>Corrects a recording's alignment to the session clock, or states its duration; a null field stays as it is.</summary>
public sealed record UpdateRecordingRequest(long? ClockOffsetMs, long? DurationMs);
