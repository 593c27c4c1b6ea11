using System.Globalization;
using Microsoft.Data.Sqlite;
using SessionLab.Storage;

namespace SessionLab.Recordings;

/// <summary>The recordings catalog in its own tables of the embedded SQLite database.</summary>
public sealed class SqliteRecordingCatalog(SqliteDatabase database) : IRecordingCatalog
{
    private const string Columns = """
        id, session_id, study_id, kind, content_type, clock_offset_ms, duration_ms, expected_bytes, status, bytes,
        chunk_count, created_by, created_at, completed_at, blob_name, capture_started_at
        """;

    // A catalog made before captures kept their start has no such column; it reads as unknown there.
    private const string ColumnsBeforeCaptureStart = """
        id, session_id, study_id, kind, content_type, clock_offset_ms, duration_ms, expected_bytes, status, bytes,
        chunk_count, created_by, created_at, completed_at, blob_name, NULL AS capture_started_at
        """;

    public Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS recordings (
                id              TEXT    PRIMARY KEY,
                session_id      TEXT    NOT NULL,
                study_id        TEXT    NOT NULL,
                kind            TEXT    NOT NULL,
                content_type    TEXT    NOT NULL,
                clock_offset_ms INTEGER NOT NULL,
                duration_ms     INTEGER,
                expected_bytes  INTEGER,
                status          TEXT    NOT NULL,
                bytes           INTEGER,
                chunk_count     INTEGER,
                created_by      TEXT    NOT NULL,
                created_at      TEXT    NOT NULL,
                completed_at    TEXT,
                blob_name       TEXT    NOT NULL UNIQUE,
                capture_started_at TEXT
            );
            CREATE INDEX IF NOT EXISTS recordings_by_session ON recordings (session_id, created_at);
            CREATE INDEX IF NOT EXISTS recordings_by_study ON recordings (study_id);
            CREATE TABLE IF NOT EXISTS recording_clip_windows (
                session_id  TEXT    NOT NULL,
                note_id     TEXT    NOT NULL,
                before_ms   INTEGER NOT NULL,
                after_ms    INTEGER NOT NULL,
                PRIMARY KEY (session_id, note_id)
            ) WITHOUT ROWID;
            """);
        if (!HasCaptureStartColumn())
        {
            database.EnsureSchema("ALTER TABLE recordings ADD COLUMN capture_started_at TEXT");
        }
        return Task.CompletedTask;
    }

    public async Task AddAsync(Recording recording, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO recordings ({Columns}) VALUES ($id, $session, $study, $kind, $type, $offset, $duration, $expected, $status, $bytes, $chunks, $by, $created, $completed, $blob, $captured)";
        command.Parameters.AddWithValue("$id", recording.Id);
        command.Parameters.AddWithValue("$session", recording.SessionId);
        command.Parameters.AddWithValue("$study", recording.StudyId);
        command.Parameters.AddWithValue("$kind", recording.Kind.ToString());
        command.Parameters.AddWithValue("$type", recording.ContentType);
        command.Parameters.AddWithValue("$offset", recording.ClockOffsetMs);
        command.Parameters.AddWithValue("$duration", (object?)recording.DurationMs ?? DBNull.Value);
        command.Parameters.AddWithValue("$expected", (object?)recording.ExpectedBytes ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", recording.Status.ToString());
        command.Parameters.AddWithValue("$bytes", (object?)recording.Bytes ?? DBNull.Value);
        command.Parameters.AddWithValue("$chunks", (object?)recording.ChunkCount ?? DBNull.Value);
        command.Parameters.AddWithValue("$by", recording.CreatedBy);
        command.Parameters.AddWithValue("$created", Format(recording.CreatedAt));
        command.Parameters.AddWithValue("$completed", recording.CompletedAt is { } completed ? Format(completed) : DBNull.Value);
        command.Parameters.AddWithValue("$blob", recording.BlobName.Value);
        command.Parameters.AddWithValue("$captured", recording.CaptureStartedAt is { } captured ? Format(captured) : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Recording?> FindAsync(string sessionId, string recordingId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("session_id = $session AND id = $id", [("$session", sessionId), ("$id", recordingId)], cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Recording>> ListAsync(string sessionId, CancellationToken cancellationToken) =>
        QueryAsync("session_id = $session", [("$session", sessionId)], cancellationToken);

    public async Task<long> TotalBytesAsync(IReadOnlyCollection<string> studyIds, CancellationToken cancellationToken)
    {
        if (studyIds.Count == 0)
        {
            return 0;
        }
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        // The ids travel as one JSON array: a workspace may hold more studies than SQLite takes parameters.
        command.CommandText = """
            SELECT COALESCE(SUM(CASE WHEN status = $complete THEN COALESCE(bytes, 0) ELSE COALESCE(expected_bytes, 0) END), 0)
            FROM recordings WHERE study_id IN (SELECT value FROM json_each($studies))
            """;
        command.Parameters.AddWithValue("$complete", nameof(RecordingStatus.Complete));
        command.Parameters.AddWithValue("$studies", System.Text.Json.JsonSerializer.Serialize(studyIds));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> CompleteAsync(string recordingId, long bytes, int chunkCount, long? durationMs, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE recordings SET status = $complete, bytes = $bytes, chunk_count = $chunks, duration_ms = COALESCE($duration, duration_ms), completed_at = $at
            WHERE id = $id AND status = $uploading
            """;
        command.Parameters.AddWithValue("$id", recordingId);
        command.Parameters.AddWithValue("$complete", nameof(RecordingStatus.Complete));
        command.Parameters.AddWithValue("$uploading", nameof(RecordingStatus.Uploading));
        command.Parameters.AddWithValue("$bytes", bytes);
        command.Parameters.AddWithValue("$chunks", chunkCount);
        command.Parameters.AddWithValue("$duration", (object?)durationMs ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", Format(completedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task UpdateTimingAsync(string recordingId, long? clockOffsetMs, long? durationMs, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        // A new offset is a person's alignment: the capture's start no longer places the recording.
        command.CommandText = """
            UPDATE recordings SET clock_offset_ms = COALESCE($offset, clock_offset_ms), duration_ms = COALESCE($duration, duration_ms),
                capture_started_at = CASE WHEN $offset IS NULL THEN capture_started_at END
            WHERE id = $id
            """;
        command.Parameters.AddWithValue("$id", recordingId);
        command.Parameters.AddWithValue("$offset", (object?)clockOffsetMs ?? DBNull.Value);
        command.Parameters.AddWithValue("$duration", (object?)durationMs ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, ClipWindow>> GetClipWindowsAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT note_id, before_ms, after_ms FROM recording_clip_windows WHERE session_id = $session";
        command.Parameters.AddWithValue("$session", sessionId);
        var windows = new Dictionary<Guid, ClipWindow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            windows[Guid.Parse(reader.GetString(0))] = new ClipWindow(reader.GetInt64(1), reader.GetInt64(2));
        }
        return windows;
    }

    public async Task DeleteAsync(string recordingId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM recordings WHERE id = $id";
        command.Parameters.AddWithValue("$id", recordingId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM recordings WHERE session_id = $session; DELETE FROM recording_clip_windows WHERE session_id = $session";
        command.Parameters.AddWithValue("$session", sessionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetClipWindowAsync(string sessionId, Guid noteId, ClipWindow window, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO recording_clip_windows (session_id, note_id, before_ms, after_ms) VALUES ($session, $note, $before, $after)
            ON CONFLICT (session_id, note_id) DO UPDATE SET before_ms = excluded.before_ms, after_ms = excluded.after_ms
            """;
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$note", noteId.ToString("D"));
        command.Parameters.AddWithValue("$before", window.BeforeMs);
        command.Parameters.AddWithValue("$after", window.AfterMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Every recording and clip window, or none when this database never had a catalog; for moving the catalog of a
    /// deployment that switched to PostgreSQL. Reads only: it creates no tables.
    /// </summary>
    internal async Task<(IReadOnlyList<Recording> Recordings, IReadOnlyList<(string SessionId, Guid NoteId, ClipWindow Window)> ClipWindows)> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using (var connection = database.Open())
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('recordings', 'recording_clip_windows')";
            if ((long)(await probe.ExecuteScalarAsync(cancellationToken))! < 2)
            {
                return ([], []);
            }
        }

        var recordings = await QueryAsync("1 = 1", [], cancellationToken, HasCaptureStartColumn() ? Columns : ColumnsBeforeCaptureStart);
        var windows = new List<(string, Guid, ClipWindow)>();
        await using var windowConnection = database.Open();
        await using var command = windowConnection.CreateCommand();
        command.CommandText = "SELECT session_id, note_id, before_ms, after_ms FROM recording_clip_windows ORDER BY session_id, note_id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            windows.Add((reader.GetString(0), Guid.Parse(reader.GetString(1)), new ClipWindow(reader.GetInt64(2), reader.GetInt64(3))));
        }
        return (recordings, windows);
    }

    private bool HasCaptureStartColumn()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info('recordings') WHERE name = 'capture_started_at'";
        return (long)command.ExecuteScalar()! > 0;
    }

    private async Task<IReadOnlyList<Recording>> QueryAsync(string where, (string Name, string Value)[] parameters, CancellationToken cancellationToken, string columns = Columns)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM recordings WHERE {where} ORDER BY created_at, id";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var recordings = new List<Recording>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recordings.Add(Read(reader));
        }
        return recordings;
    }

    private static Recording Read(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        Enum.Parse<RecordingKind>(r.GetString(3)),
        r.GetString(4),
        r.GetInt64(5),
        r.IsDBNull(6) ? null : r.GetInt64(6),
        r.IsDBNull(7) ? null : r.GetInt64(7),
        Enum.Parse<RecordingStatus>(r.GetString(8)),
        r.IsDBNull(9) ? null : r.GetInt64(9),
        r.IsDBNull(10) ? null : r.GetInt32(10),
        r.GetString(11),
        DateTimeOffset.Parse(r.GetString(12), CultureInfo.InvariantCulture),
        r.IsDBNull(13) ? null : DateTimeOffset.Parse(r.GetString(13), CultureInfo.InvariantCulture),
        r.IsDBNull(15) ? null : DateTimeOffset.Parse(r.GetString(15), CultureInfo.InvariantCulture),
        BlobName.Parse(r.GetString(14)));

    // Always UTC, so that the text sorts in time order whatever offset a caller used.
    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
