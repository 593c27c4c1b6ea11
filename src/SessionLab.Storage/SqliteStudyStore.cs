using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SessionLab.Storage;

/// <summary>
/// Studies as JSON documents in SQLite: the latest version in <c>studies</c>, every version in <c>study_versions</c>.
/// A study saved before edits existed has no rows there until its first edit, which copies it in as version 1.
/// </summary>
public sealed class SqliteStudyStore(SqliteDatabase database) : IStudyStore
{
    public async Task<Study?> GetAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await ReadLatestAsync(connection, studyId, cancellationToken);
    }

    public async Task<Study?> GetVersionAsync(string studyId, int version, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM study_versions WHERE study_id = $id AND version = $version";
        command.Parameters.AddWithValue("$id", studyId);
        command.Parameters.AddWithValue("$version", version);
        if ((string?)await command.ExecuteScalarAsync(cancellationToken) is { } document)
        {
            return Read(document);
        }
        return await ReadLatestAsync(connection, studyId, cancellationToken) is { } latest && latest.Version == version ? latest : null;
    }

    public async Task<IReadOnlyList<Study>> ListVersionsAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM study_versions WHERE study_id = $id ORDER BY version";
        command.Parameters.AddWithValue("$id", studyId);
        var versions = new List<Study>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(Read(reader.GetString(0)));
            }
        }
        if (await ReadLatestAsync(connection, studyId, cancellationToken) is { } latest && !versions.Exists(v => v.Version == latest.Version))
        {
            versions.Add(latest);
        }
        return versions;
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
            studies.Add(Read(reader.GetString(0)));
        }
        return studies;
    }

    public async Task SaveAsync(Study study, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO studies (id, created_at, document) VALUES ($id, $created, $document)
                ON CONFLICT (id) DO UPDATE SET document = excluded.document
                """;
            command.Parameters.AddWithValue("$id", study.Id);
            command.Parameters.AddWithValue("$created", study.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$document", Write(study));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await InsertVersionAsync(transaction, study, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> SaveNextVersionAsync(Study next, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        // BeginTransaction starts with BEGIN IMMEDIATE: the write lock is held from the read of the latest version on.
        await using var transaction = connection.BeginTransaction();
        if (await ReadLatestAsync(connection, next.Id, cancellationToken, transaction) is not { } latest || latest.Version != next.Version - 1)
        {
            return false;
        }
        await InsertVersionAsync(transaction, latest, cancellationToken);
        await InsertVersionAsync(transaction, next, cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "UPDATE studies SET document = $document WHERE id = $id";
            command.Parameters.AddWithValue("$id", next.Id);
            command.Parameters.AddWithValue("$document", Write(next));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<Study?> ReadLatestAsync(SqliteConnection connection, string studyId, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT document FROM studies WHERE id = $id";
        command.Parameters.AddWithValue("$id", studyId);
        return (string?)await command.ExecuteScalarAsync(cancellationToken) is { } document ? Read(document) : null;
    }

    /// <summary>Keeps a version; one already kept stays as it was.</summary>
    private static async Task InsertVersionAsync(SqliteTransaction transaction, Study study, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO study_versions (study_id, version, document) VALUES ($id, $version, $document) ON CONFLICT DO NOTHING";
        command.Parameters.AddWithValue("$id", study.Id);
        command.Parameters.AddWithValue("$version", study.Version);
        command.Parameters.AddWithValue("$document", Write(study));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Study Read(string document) => JsonSerializer.Deserialize<Study>(document, SessionJson.Options)!;

    private static string Write(Study study) => JsonSerializer.Serialize(study, SessionJson.Options);
}
