namespace SessionLab.Recordings;

/// <summary>Why the recordings API refuses a call; sent in camelCase as the problem's <c>code</c>, like the hub's codes.</summary>
[GenerateSerializer, Alias("SessionLab.Server.Recordings.RecordingErrorCode")]
public enum RecordingErrorCode
{
    InvalidRequest,
    UnsupportedContentType,
    LengthRequired,
    ChunkTooLarge,
    RecordingTooLarge,
    ChunkIncomplete,
    ChunksMissing,
    SizeMismatch,
    RecordingNotFound,
    RecordingNotComplete,
    RecordingAlreadyComplete,
    NoteNotFound,
    NoRecordingCoversNote,
    PlaybackUrlInvalid,
    PlaybackUrlExpired,
    FfmpegUnavailable,
    ExportFailed,
    StorageUnavailable,
    SessionEnded,
    TagNotFound,
    RangeNotSatisfiable,
    StorageQuotaReached,
}
