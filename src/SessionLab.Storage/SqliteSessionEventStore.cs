using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SessionLab.Storage;

/// <summary>
/// The session log in SQLite. Appends from all sessions go through one writer that commits whatever is waiting
/// in a single transaction (group commit): each append still completes only after its transaction is durable,
/// but hundreds of concurrent sessions share one fsync instead of queueing for one each. The writer has a thread of
/// its own: a commit blocks in SQLite for the whole fsync, and on a thread-pool thread it took one of the few threads
/// that the hub, Orleans and Kestrel share (a trace under 1,000 notes/s showed it blocked half the time).
/// </summary>
public sealed partial class SqliteSessionEventStore : ISessionEventStore, IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteSessionEventStore> _logger;
    private readonly BlockingCollection<PendingAppend> _queue = [];
    private readonly ConcurrentDictionary<string, long> _lastSequence = new(StringComparer.Ordinal);
    private readonly Thread _writer;
    private int _disposed;

    public SqliteSessionEventStore(SqliteDatabase database, ILogger<SqliteSessionEventStore> logger)
    {
        _database = database;
        _logger = logger;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "SessionLab log writer" };
        _writer.Start();
    }

    /// <remarks>
    /// Once queued, an append is not abandoned on cancellation: the caller could not tell whether it was committed,
    /// and the log, not the caller, must decide what happened.
    /// </remarks>
    public Task AppendAsync(IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }
        cancellationToken.ThrowIfCancellationRequested();
        // Serialized here, on the caller's thread: the one writer thread should spend its time committing.
        var pending = new PendingAppend(
            events,
            [.. events.Select(e => JsonSerializer.Serialize(e, SessionJson.Options))],
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(_queue.IsAddingCompleted, this);
        _queue.Add(pending, CancellationToken.None);
        return pending.Completion.Task;
    }

    public async Task<IReadOnlyList<SessionEventEnvelope>> ReadAsync(string sessionId, long afterSequence, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT envelope FROM session_events WHERE session_id = $id AND sequence > $after ORDER BY sequence";
        command.Parameters.AddWithValue("$id", sessionId);
        command.Parameters.AddWithValue("$after", afterSequence);
        var events = new List<SessionEventEnvelope>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // SQLite keeps the text as UTF-8, which is what the JSON reader wants: reading it as a string would convert
            // every envelope to UTF-16 and back (a report reads hundreds of thousands).
            events.Add(JsonSerializer.Deserialize<SessionEventEnvelope>(reader.GetFieldValue<byte[]>(0), SessionJson.Options)!);
        }
        return events;
    }

    public async Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM session_events WHERE session_id = $id; DELETE FROM sessions WHERE id = $id";
        command.Parameters.AddWithValue("$id", sessionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The writer would otherwise take a late append as following the deleted events.
        _lastSequence.TryRemove(sessionId, out _);
    }

    public async Task<IReadOnlyList<string>> ListSessionIdsAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM sessions WHERE study_id = $study ORDER BY created_at, id";
        command.Parameters.AddWithValue("$study", studyId);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Lets the writer commit what is queued, then stops it. The container disposes this store once per service it is registered as.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _queue.CompleteAdding();
        await Task.Run(_writer.Join);
        _queue.Dispose();
    }

    private void WriteLoop()
    {
        using var connection = _database.Open();
        var batch = new List<PendingAppend>(MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                Commit(connection, batch);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
                Log.BatchCommitted(_logger, batch.Count);
            }
            catch (Exception batchError) when (batch.Count > 1)
            {
                // One bad append must not fail the others that happened to share its transaction.
                Log.BatchFailed(_logger, batch.Count, batchError);
                foreach (var pending in batch)
                {
                    CommitAlone(connection, pending);
                }
            }
            catch (Exception error)
            {
                batch[0].Completion.TrySetException(Translate(batch[0], error));
            }
        }
    }

    private void CommitAlone(SqliteConnection connection, PendingAppend pending)
    {
        try
        {
            Commit(connection, [pending]);
            pending.Completion.TrySetResult();
        }
        catch (Exception error)
        {
            pending.Completion.TrySetException(Translate(pending, error));
        }
    }

    private static Exception Translate(PendingAppend pending, Exception error) =>
        error is SqliteException { SqliteErrorCode: 19 } // SQLITE_CONSTRAINT
            ? new SessionLogConflictException(pending.Events[0].SessionId, pending.Events[0].Sequence, error)
            : error;

    /// <remarks>
    /// The last stored sequence of each session is remembered from the commits this writer made (it is the only writer
    /// of the file), so a note costs one insert, not a lookup and an insert; a session it has not written yet is
    /// looked up once. What a batch changes is remembered only once the batch is committed.
    /// </remarks>
    private void Commit(SqliteConnection connection, List<PendingAppend> batch)
    {
        var batchLast = new Dictionary<string, long>(StringComparer.Ordinal);
        using var transaction = connection.BeginTransaction();
        using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM session_events WHERE session_id = $id";
        var lastId = last.Parameters.Add("$id", SqliteType.Text);

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO session_events (session_id, sequence, command_id, recorded_at, envelope)
            VALUES ($session, $sequence, $command, $recorded, $envelope)
            """;
        var session = insert.Parameters.Add("$session", SqliteType.Text);
        var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        var command = insert.Parameters.Add("$command", SqliteType.Text);
        var recorded = insert.Parameters.Add("$recorded", SqliteType.Text);
        var envelope = insert.Parameters.Add("$envelope", SqliteType.Text);

        using var register = connection.CreateCommand();
        register.Transaction = transaction;
        register.CommandText = "INSERT INTO sessions (id, study_id, created_at) VALUES ($id, $study, $created)";
        var registerId = register.Parameters.Add("$id", SqliteType.Text);
        var registerStudy = register.Parameters.Add("$study", SqliteType.Text);
        var registerCreated = register.Parameters.Add("$created", SqliteType.Text);

        foreach (var pending in batch)
        {
            var first = pending.Events[0];
            if (!batchLast.TryGetValue(first.SessionId, out var stored) && !_lastSequence.TryGetValue(first.SessionId, out stored))
            {
                lastId.Value = first.SessionId;
                stored = (long)last.ExecuteScalar()!;
            }
            var expected = stored + 1;
            for (var i = 0; i < pending.Events.Count; i++)
            {
                var e = pending.Events[i];
                if (e.SessionId != first.SessionId || e.Sequence != expected++)
                {
                    throw new SessionLogConflictException(e.SessionId, e.Sequence);
                }
                session.Value = e.SessionId;
                sequence.Value = e.Sequence;
                command.Value = e.CommandId.ToString();
                recorded.Value = e.RecordedAt.ToString("O", CultureInfo.InvariantCulture);
                envelope.Value = pending.Json[i];
                insert.ExecuteNonQuery();
                if (e.Event is SessionScheduled scheduled)
                {
                    registerId.Value = e.SessionId;
                    registerStudy.Value = scheduled.StudyId;
                    registerCreated.Value = recorded.Value;
                    register.ExecuteNonQuery();
                }
            }
            batchLast[first.SessionId] = expected - 1;
        }
        transaction.Commit();
        foreach (var (sessionId, lastSequence) in batchLast)
        {
            _lastSequence[sessionId] = lastSequence;
        }
    }

    private sealed record PendingAppend(IReadOnlyList<SessionEventEnvelope> Events, string[] Json, TaskCompletionSource Completion);

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Trace, "Committed {Count} appends in one transaction.")]
        public static partial void BatchCommitted(ILogger logger, int count);

        [LoggerMessage(1002, LogLevel.Warning, "A batch of {Count} appends failed; committing them one by one.")]
        public static partial void BatchFailed(ILogger logger, int count, Exception error);
    }
}
