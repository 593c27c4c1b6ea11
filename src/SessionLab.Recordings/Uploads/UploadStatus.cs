using System.Collections.Immutable;

namespace SessionLab.Recordings;

/// <summary>What the server holds of an upload, so a client resuming after a network drop sends only the chunks missing.</summary>
public sealed record UploadStatus(
    string RecordingId,
    RecordingStatus Status,
    ImmutableArray<UploadedChunk> Chunks,
    long ReceivedBytes,
    long MaxChunkBytes,
    long MaxRecordingBytes);
