namespace SessionLab.Recordings;

/// <summary>A chunk the store holds: staged (received, not yet part of the recording) or committed.</summary>
public sealed record UploadedChunk(int Index, long Bytes, bool Committed);
