namespace SessionLab.Recordings;

/// <summary>Commits chunks 0 … <see cref="ChunkCount"/> − 1, in index order. The browser knows the duration the file itself may not state.</summary>
public sealed record CompleteRecordingRequest(int ChunkCount, long? DurationMs);
