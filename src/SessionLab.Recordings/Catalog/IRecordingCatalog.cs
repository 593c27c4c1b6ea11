namespace SessionLab.Recordings;

/// <summary>
/// What the server knows about recordings and per-note clip windows, kept in the configured store (SQLite or
/// PostgreSQL) beside the sessions. The bytes live in the blob store; which chunks have arrived is read from there,
/// never duplicated here. Times are kept to the microsecond, the finest PostgreSQL holds.
/// </summary>
public interface IRecordingCatalog
{
    /// <summary>Creates the catalog's tables when they are missing; <see cref="RecordingCatalogMigration"/> runs it at start-up.</summary>
    Task CreateSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Adds a new recording; its id and blob name must be unused.</summary>
    Task AddAsync(Recording recording, CancellationToken cancellationToken);

    /// <summary>The recording, or null when the session has no recording of that id.</summary>
    Task<Recording?> FindAsync(string sessionId, string recordingId, CancellationToken cancellationToken);

    /// <summary>The session's recordings, oldest first.</summary>
    Task<IReadOnlyList<Recording>> ListAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes the recordings of these studies take: a complete recording's size, and for one still uploading the
    /// size it announced (the room it is about to take; 0 when it announced none). A storage quota sums this.
    /// </summary>
    Task<long> TotalBytesAsync(IReadOnlyCollection<string> studyIds, CancellationToken cancellationToken);

    /// <summary>Marks the recording complete; false when it already was (a retried completion) or does not exist.</summary>
    Task<bool> CompleteAsync(string recordingId, long bytes, int chunkCount, long? durationMs, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>Changes the clock offset and duration given; a null keeps the value there was.</summary>
    Task UpdateTimingAsync(string recordingId, long? clockOffsetMs, long? durationMs, CancellationToken cancellationToken);

    /// <summary>The clip windows set for notes of the session; notes without one use <see cref="ClipWindow.Default"/>.</summary>
    Task<IReadOnlyDictionary<Guid, ClipWindow>> GetClipWindowsAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Removes the recording's row; its bytes are the blob store's to remove.</summary>
    Task DeleteAsync(string recordingId, CancellationToken cancellationToken);

    /// <summary>Removes every recording row and clip window of the session.</summary>
    Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Sets or replaces the clip window of one note.</summary>
    Task SetClipWindowAsync(string sessionId, Guid noteId, ClipWindow window, CancellationToken cancellationToken);
}
