using Npgsql;
using SessionLab.Storage;

namespace SessionLab.Reports.Storage;

/// <summary>
/// Finding severities in PostgreSQL, in a table of their own that the store creates on first use, so the server and
/// the command line need no separate migration step for it.
/// </summary>
public sealed class PostgresFindingSeverityStore(PostgresDatabase database) : IFindingSeverityStore
{
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public async Task<IReadOnlyList<FindingSeverity>> ListAsync(string studyId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = database.DataSource.CreateCommand(
            "SELECT tag, severity, updated_at, updated_by FROM finding_severities WHERE study_id = $1 ORDER BY tag_key");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        var severities = new List<FindingSeverity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            severities.Add(new FindingSeverity(studyId, reader.GetString(0), reader.GetInt16(1),
                new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.GetString(3)));
        }
        return severities;
    }

    public async Task SetAsync(FindingSeverity severity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(severity);
        FindingSeverity.ThrowIfOffScale(severity.Severity);
        await EnsureSchemaAsync(cancellationToken);
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO finding_severities (study_id, tag_key, tag, severity, updated_at, updated_by)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (study_id, tag_key) DO UPDATE SET
                tag = excluded.tag, severity = excluded.severity, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = severity.StudyId });
        command.Parameters.Add(new NpgsqlParameter { Value = FindingSeverity.Key(severity.Tag) });
        command.Parameters.Add(new NpgsqlParameter { Value = severity.Tag });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)severity.Severity });
        command.Parameters.Add(new NpgsqlParameter { Value = severity.UpdatedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = severity.UpdatedBy });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> ClearAsync(string studyId, string tag, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = database.DataSource.CreateCommand("DELETE FROM finding_severities WHERE study_id = $1 AND tag_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        command.Parameters.Add(new NpgsqlParameter { Value = FindingSeverity.Key(tag) });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <remarks>One creator at a time: concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL's catalog.</remarks>
    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await database.EnsureSchemaAsync("""
                    CREATE TABLE IF NOT EXISTS finding_severities (
                        study_id    text        NOT NULL,
                        tag_key     text        NOT NULL,
                        tag         text        NOT NULL,
                        severity    smallint    NOT NULL CHECK (severity BETWEEN 0 AND 4),
                        updated_at  timestamptz NOT NULL,
                        updated_by  text        NOT NULL,
                        PRIMARY KEY (study_id, tag_key)
                    );
                    """, cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
