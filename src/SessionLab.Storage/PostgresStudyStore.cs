using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace SessionLab.Storage;

/// <summary>
/// Studies as JSON documents in PostgreSQL: the latest version in <c>studies</c>, every version in <c>study_versions</c>.
/// A study saved before edits existed has no rows there until its first edit, which copies it in as version 1.
/// </summary>
public sealed class PostgresStudyStore(PostgresDatabase database) : IStudyStore
{
    public async Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT document::text FROM studies WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        return (string?)await command.ExecuteScalarAsync(cancellationToken) is { } document ? Read(document) : null;
    }

    public async Task<Study?> GetVersionAsync(string studyId, int version, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT document::text FROM study_versions WHERE study_id = $1 AND version = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        if ((string?)await command.ExecuteScalarAsync(cancellationToken) is { } document)
        {
            return Read(document);
        }
        return await GetAsync(studyId, cancellationToken) is { } latest && latest.Version == version ? latest : null;
    }

    public async Task<IReadOnlyList<Study>> ListVersionsAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT document::text FROM study_versions WHERE study_id = $1 ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        var versions = new List<Study>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(Read(reader.GetString(0)));
            }
        }
        if (await GetAsync(studyId, cancellationToken) is { } latest && !versions.Exists(v => v.Version == latest.Version))
        {
            versions.Add(latest);
        }
        return versions;
    }

    public async Task<IReadOnlyList<Study>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT document::text FROM studies ORDER BY created_at");
        var studies = new List<Study>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            studies.Add(Read(reader.GetString(0)));
        }
        return studies;
    }

    public async Task SaveAsync(Study study, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("""
            INSERT INTO studies (id, created_at, document) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = study.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = study.CreatedAt.UtcDateTime });
            command.Parameters.Add(Json(study));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await InsertVersionAsync(transaction, study, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> SaveNextVersionAsync(Study next, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Study latest;
        // FOR UPDATE: a second node saving the same version waits here, then sees this one's version and is refused.
        await using (var read = new NpgsqlCommand("SELECT document::text FROM studies WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = next.Id });
            if ((string?)await read.ExecuteScalarAsync(cancellationToken) is not { } document || (latest = Read(document)).Version != next.Version - 1)
            {
                return false;
            }
        }
        await InsertVersionAsync(transaction, latest, cancellationToken);
        await InsertVersionAsync(transaction, next, cancellationToken);
        await using (var update = new NpgsqlCommand("UPDATE studies SET document = $2 WHERE id = $1", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = next.Id });
            update.Parameters.Add(Json(next));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Keeps a version; one already kept stays as it was.</summary>
    private static async Task InsertVersionAsync(NpgsqlTransaction transaction, Study study, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO study_versions (study_id, version, document) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = study.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = study.Version });
        command.Parameters.Add(Json(study));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Json(Study study) => new() { Value = JsonSerializer.Serialize(study, SessionJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static Study Read(string document) => JsonSerializer.Deserialize<Study>(document, SessionJson.Options)!;
}
