using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace SessionLab.Storage;

/// <summary>
/// The session log in PostgreSQL. Each append is one transaction that checks the last stored sequence under a
/// row lock on the session, so a gap or a second writer is refused; PostgreSQL's own commit path groups
/// concurrent flushes.
/// </summary>
public sealed class PostgresSessionEventStore(PostgresDatabase database) : ISessionEventStore
{
    public async Task AppendAsync(IReadOnlyList<SessionEventEnvelope> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        var first = events[0];
        // Once sent, the commit is not abandoned half-way: the log, not the caller, decides what happened.
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await database.DataSource.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        try
        {
            await using (var last = new NpgsqlCommand("SELECT COALESCE(MAX(sequence), 0) FROM session_events WHERE session_id = $1", connection, transaction))
            {
                last.Parameters.Add(new NpgsqlParameter { Value = first.SessionId });
                var expected = (long)(await last.ExecuteScalarAsync(CancellationToken.None))! + 1;
                foreach (var e in events)
                {
                    if (e.SessionId != first.SessionId || e.Sequence != expected++)
                    {
                        throw new SessionLogConflictException(e.SessionId, e.Sequence);
                    }
                }
            }
            var batch = new NpgsqlBatch(connection, transaction);
            await using (batch)
            {
                foreach (var e in events)
                {
                    var insert = new NpgsqlBatchCommand("INSERT INTO session_events (session_id, sequence, command_id, recorded_at, envelope) VALUES ($1, $2, $3, $4, $5)");
                    insert.Parameters.Add(new NpgsqlParameter { Value = e.SessionId });
                    insert.Parameters.Add(new NpgsqlParameter { Value = e.Sequence });
                    insert.Parameters.Add(new NpgsqlParameter { Value = e.CommandId });
                    insert.Parameters.Add(new NpgsqlParameter { Value = e.RecordedAt.UtcDateTime });
                    insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(e, SessionJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
                    batch.BatchCommands.Add(insert);
                    if (e.Event is SessionScheduled scheduled)
                    {
                        var register = new NpgsqlBatchCommand("INSERT INTO sessions (id, study_id, created_at) VALUES ($1, $2, $3)");
                        register.Parameters.Add(new NpgsqlParameter { Value = e.SessionId });
                        register.Parameters.Add(new NpgsqlParameter { Value = scheduled.StudyId });
                        register.Parameters.Add(new NpgsqlParameter { Value = e.RecordedAt.UtcDateTime });
                        batch.BatchCommands.Add(register);
                    }
                }
                await batch.ExecuteNonQueryAsync(CancellationToken.None);
            }
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new SessionLogConflictException(first.SessionId, first.Sequence, error);
        }
    }

    public async Task<IReadOnlyList<SessionEventEnvelope>> ReadAsync(string sessionId, long afterSequence, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT envelope::text FROM session_events WHERE session_id = $1 AND sequence > $2 ORDER BY sequence");
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        var events = new List<SessionEventEnvelope>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(JsonSerializer.Deserialize<SessionEventEnvelope>(reader.GetString(0), SessionJson.Options)!);
        }
        return events;
    }

    public async Task DeleteSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var events = new NpgsqlCommand("DELETE FROM session_events WHERE session_id = $1", connection, transaction))
        {
            events.Parameters.Add(new NpgsqlParameter { Value = sessionId });
            await events.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var session = new NpgsqlCommand("DELETE FROM sessions WHERE id = $1", connection, transaction))
        {
            session.Parameters.Add(new NpgsqlParameter { Value = sessionId });
            await session.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListSessionIdsAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT id FROM sessions WHERE study_id = $1 ORDER BY created_at, id");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
