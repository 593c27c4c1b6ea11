using System.Globalization;
using System.Text.Json;

namespace SessionLab.Storage;

/// <summary>Studies as JSON documents in SQLite; <see cref="CachedStudyStore"/> keeps them in memory in front of it.</summary>
public sealed class SqliteStudyStore(SqliteDatabase database) : IStudyStore
{
    public async Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM studies WHERE id = $id";
        command.Parameters.AddWithValue("$id", studyId);
        var document = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return document is null ? null : JsonSerializer.Deserialize<Study>(document, SessionJson.Options);
    }

    public async Task<IReadOnlyList<Study>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM studies ORDER BY created_at";
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
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO studies (id, created_at, document) VALUES ($id, $created, $document)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document
            """;
        command.Parameters.AddWithValue("$id", study.Id);
        command.Parameters.AddWithValue("$created", study.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$document", JsonSerializer.Serialize(study, SessionJson.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
