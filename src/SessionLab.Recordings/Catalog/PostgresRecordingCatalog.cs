using Npgsql;
using NpgsqlTypes;
using SessionLab.Storage;

namespace SessionLab.Recordings;

/// <summary>The recordings catalog in PostgreSQL, beside the sessions, so that every server node sees the same recordings.</summary>
public sealed class PostgresRecordingCatalog(PostgresDatabase database) : IRecordingCatalog
{
    private const string Columns = """
        id, session_id, study_id, kind, content_type, clock_offset_ms, duration_ms, expected_bytes, status, bytes,
        chunk_count, created_by, created_at, completed_at, blob_name, capture_started_at
        """;

    public Task CreateSchemaAsync(CancellationToken cancellationToken) =>
        database.EnsureSchemaAsync("""
            CREATE TABLE IF NOT EXISTS recordings (
                id              text        PRIMARY KEY,
                session_id      text        NOT NULL,
                study_id        text        NOT NULL,
                kind            text        NOT NULL,
                content_type    text        NOT NULL,
                clock_offset_ms bigint      NOT NULL,
                duration_ms     bigint,
                expected_bytes  bigint,
                status          text        NOT NULL,
                bytes           bigint,
                chunk_count     integer,
                created_by      text        NOT NULL,
                created_at      timestamptz NOT NULL,
                completed_at    timestamptz,
                blob_name       text        NOT NULL UNIQUE,
                capture_started_at timestamptz
            );
            ALTER TABLE recordings ADD COLUMN IF NOT EXISTS capture_started_at timestamptz;
            CREATE INDEX IF NOT EXISTS recordings_by_session ON recordings (session_id, created_at);
            CREATE INDEX IF NOT EXISTS recordings_by_study ON recordings (study_id);
            CREATE TABLE IF NOT EXISTS recording_clip_windows (
                session_id  text   NOT NULL,
                note_id     uuid   NOT NULL,
                before_ms   bigint NOT NULL,
                after_ms    bigint NOT NULL,
                PRIMARY KEY (session_id, note_id)
            );
            """, cancellationToken);

    private const string InsertRecording = $"INSERT INTO recordings ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

    public async Task AddAsync(Recording recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        await using var command = database.DataSource.CreateCommand(InsertRecording);
        AddRecording(command, recording);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the recordings and clip windows this catalog lacks, in one transaction, keeping every row it already has;
    /// so importing the same rows again changes nothing. Returns how many recordings and windows were added.
    /// </summary>
    internal async Task<(int Recordings, int ClipWindows)> ImportAsync(
        IReadOnlyList<Recording> recordings, IReadOnlyList<(string SessionId, Guid NoteId, ClipWindow Window)> clipWindows, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (addedRecordings, addedWindows) = (0, 0);
        foreach (var recording in recordings)
        {
            await using var command = new NpgsqlCommand($"{InsertRecording} ON CONFLICT DO NOTHING", connection, transaction);
            AddRecording(command, recording);
            addedRecordings += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var (sessionId, noteId, window) in clipWindows)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO recording_clip_windows (session_id, note_id, before_ms, after_ms) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", connection, transaction);
            Add(command, sessionId);
            Add(command, noteId);
            Add(command, window.BeforeMs);
            Add(command, window.AfterMs);
            addedWindows += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (addedRecordings, addedWindows);
    }

    private static void AddRecording(NpgsqlCommand command, Recording recording)
    {
        Add(command, recording.Id);
        Add(command, recording.SessionId);
        Add(command, recording.StudyId);
        Add(command, recording.Kind.ToString());
        Add(command, recording.ContentType);
        Add(command, recording.ClockOffsetMs);
        Add(command, recording.DurationMs, NpgsqlDbType.Bigint);
        Add(command, recording.ExpectedBytes, NpgsqlDbType.Bigint);
        Add(command, recording.Status.ToString());
        Add(command, recording.Bytes, NpgsqlDbType.Bigint);
        Add(command, recording.ChunkCount, NpgsqlDbType.Integer);
        Add(command, recording.CreatedBy);
        Add(command, recording.CreatedAt.UtcDateTime);
        Add(command, recording.CompletedAt?.UtcDateTime, NpgsqlDbType.TimestampTz);
        Add(command, recording.BlobName.Value);
        Add(command, recording.CaptureStartedAt?.UtcDateTime, NpgsqlDbType.TimestampTz);
    }

    public async Task<Recording?> FindAsync(string sessionId, string recordingId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("session_id = $1 AND id = $2", [sessionId, recordingId], cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Recording>> ListAsync(string sessionId, CancellationToken cancellationToken) =>
        QueryAsync("session_id = $1", [sessionId], cancellationToken);

    public async Task<bool> CompleteAsync(string recordingId, long bytes, int chunkCount, long? durationMs, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            UPDATE recordings SET status = $2, bytes = $4, chunk_count = $5, duration_ms = COALESCE($6, duration_ms), completed_at = $7
            WHERE id = $1 AND status = $3
            """);
        Add(command, recordingId);
        Add(command, nameof(RecordingStatus.Complete));
        Add(command, nameof(RecordingStatus.Uploading));
        Add(command, bytes);
        Add(command, chunkCount);
        Add(command, durationMs, NpgsqlDbType.Bigint);
        Add(command, completedAt.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<long> TotalBytesAsync(IReadOnlyCollection<string> studyIds, CancellationToken cancellationToken)
    {
        if (studyIds.Count == 0)
        {
            return 0;
        }
        await using var command = database.DataSource.CreateCommand("""
            SELECT COALESCE(SUM(CASE WHEN status = $2 THEN COALESCE(bytes, 0) ELSE COALESCE(expected_bytes, 0) END), 0)::bigint
            FROM recordings WHERE study_id = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = studyIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        Add(command, nameof(RecordingStatus.Complete));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task UpdateTimingAsync(string recordingId, long? clockOffsetMs, long? durationMs, CancellationToken cancellationToken)
    {
        // A new offset is a person's alignment: the capture's start no longer places the recording.
        await using var command = database.DataSource.CreateCommand("""
            UPDATE recordings SET clock_offset_ms = COALESCE($2, clock_offset_ms), duration_ms = COALESCE($3, duration_ms),
                capture_started_at = CASE WHEN $2 IS NULL THEN capture_started_at END
            WHERE id = $1
            """);
        Add(command, recordingId);
        Add(command, clockOffsetMs, NpgsqlDbType.Bigint);
        Add(command, durationMs, NpgsqlDbType.Bigint);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, ClipWindow>> GetClipWindowsAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT note_id, before_ms, after_ms FROM recording_clip_windows WHERE session_id = $1");
        Add(command, sessionId);
        var windows = new Dictionary<Guid, ClipWindow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            windows[reader.GetGuid(0)] = new ClipWindow(reader.GetInt64(1), reader.GetInt64(2));
        }
        return windows;
    }

    public async Task DeleteAsync(string recordingId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("DELETE FROM recordings WHERE id = $1");
        Add(command, recordingId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var batch = database.DataSource.CreateBatch();
        foreach (var sql in (string[])["DELETE FROM recordings WHERE session_id = $1", "DELETE FROM recording_clip_windows WHERE session_id = $1"])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetClipWindowAsync(string sessionId, Guid noteId, ClipWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO recording_clip_windows (session_id, note_id, before_ms, after_ms) VALUES ($1, $2, $3, $4)
            ON CONFLICT (session_id, note_id) DO UPDATE SET before_ms = excluded.before_ms, after_ms = excluded.after_ms
            """);
        Add(command, sessionId);
        Add(command, noteId);
        Add(command, window.BeforeMs);
        Add(command, window.AfterMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Recording>> QueryAsync(string where, string[] parameters, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM recordings WHERE {where} ORDER BY created_at, id");
        foreach (var value in parameters)
        {
            Add(command, value);
        }
        var recordings = new List<Recording>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recordings.Add(Read(reader));
        }
        return recordings;
    }

    private static void Add<T>(NpgsqlCommand command, T value) => command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });

    // A null needs its type spelled out: PostgreSQL cannot always infer it, in COALESCE($n, column) say.
    private static void Add<T>(NpgsqlCommand command, T? value, NpgsqlDbType type)
        where T : struct =>
        command.Parameters.Add(new NpgsqlParameter { Value = value is { } present ? present : DBNull.Value, NpgsqlDbType = type });

    private static Recording Read(NpgsqlDataReader r) => new(
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
        r.GetFieldValue<DateTimeOffset>(12),
        r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
        r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15),
        BlobName.Parse(r.GetString(14)));
}
