using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace SessionLab.Storage;

/// <summary>Studies as JSON documents in PostgreSQL; <see cref="CachedStudyStore"/> keeps them in memory in front of it.</summary>
public sealed class PostgresStudyStore(PostgresDatabase database) : IStudyStore
{
    public async Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT document::text FROM studies WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        var document = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return document is null ? null : JsonSerializer.Deserialize<Study>(document, SessionJson.Options);
    }

    public async Task<IReadOnlyList<Study>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT document::text FROM studies ORDER BY created_at");
        var studies = new List<Study>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            studies.Add(JsonSerializer.Deserialize<Study>(reader.GetString(0), SessionJson.Options)!);
        }
        return studies;
    }

    public async Task SaveAsync(Study study, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO studies (id, created_at, document) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = study.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = study.CreatedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(study, SessionJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
