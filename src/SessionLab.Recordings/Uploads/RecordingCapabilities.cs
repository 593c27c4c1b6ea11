using System.Collections.Immutable;

namespace SessionLab.Recordings;

/// <summary>What this server can do with recordings, so the browser can hide what is missing instead of failing at it.</summary>
public sealed record RecordingCapabilities(
    bool ClipExport,
    string? ClipExportUnavailableReason,
    ImmutableArray<string> ContentTypes,
    long MaxChunkBytes,
    long MaxRecordingBytes,
    double DefaultBeforeSeconds,
    double DefaultAfterSeconds);
