namespace SessionLab.Recordings;

internal static partial class RecordingsLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Recording {RecordingId} of session {SessionId} started: {Kind}, {ContentType}")]
    public static partial void Created(ILogger logger, string sessionId, string recordingId, RecordingKind kind, string contentType);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Recording {RecordingId} of session {SessionId} complete: {ChunkCount} chunks, {Bytes} bytes")]
    public static partial void Completed(ILogger logger, string sessionId, string recordingId, int chunkCount, long bytes);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Chunk {Index} of recording {RecordingId} in session {SessionId} did not arrive whole; nothing was staged")]
    public static partial void ChunkIncomplete(ILogger logger, string sessionId, string recordingId, int index, Exception exception);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "Recording storage failed for session {SessionId}")]
    public static partial void StorageFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "The recordings container could not be created at start-up; the first new recording tries again")]
    public static partial void ContainerNotReady(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "Refused a playback request for {BlobName}: {Verdict}")]
    public static partial void PlaybackRefused(ILogger logger, string blobName, SessionLab.Recordings.PlaybackUrlVerdict verdict);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Information, Message = "Exported a clip of recording {RecordingId} in session {SessionId}: {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void ClipExported(ILogger logger, string sessionId, string recordingId, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning, Message = "ffmpeg could not export a clip of recording {RecordingId} in session {SessionId} (exit {ExitCode}): {Errors}")]
    public static partial void ClipExportFailed(ILogger logger, string sessionId, string recordingId, int exitCode, string errors);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Information, Message = "Brought {Recordings} recordings and {ClipWindows} clip windows over to PostgreSQL from the SQLite catalog at {Path}")]
    public static partial void CatalogImported(ILogger logger, int recordings, int clipWindows, string path);
}
