using System.Globalization;
using SessionLab.Storage;

namespace SessionLab.Reports.Storage;

/// <summary>Finding severities in the embedded SQLite database, in a table of their own next to the session log.</summary>
public sealed class SqliteFindingSeverityStore : IFindingSeverityStore
{
    private readonly SqliteDatabase _database;

    public SqliteFindingSeverityStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS finding_severities (
                study_id    TEXT    NOT NULL,
                tag_key     TEXT    NOT NULL,
                tag         TEXT    NOT NULL,
                severity    INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
                updated_at  TEXT    NOT NULL,
                updated_by  TEXT    NOT NULL,
                PRIMARY KEY (study_id, tag_key)
            ) WITHOUT ROWID;
            """);
    }

    public async Task<IReadOnlyList<FindingSeverity>> ListAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tag, severity, updated_at, updated_by FROM finding_severities WHERE study_id = $study ORDER BY tag_key";
        command.Parameters.AddWithValue("$study", studyId);
        var severities = new List<FindingSeverity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            severities.Add(new FindingSeverity(studyId, reader.GetString(0), reader.GetInt32(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), reader.GetString(3)));
        }
        return severities;
    }

    public async Task SetAsync(FindingSeverity severity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(severity);
        FindingSeverity.ThrowIfOffScale(severity.Severity);
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO finding_severities (study_id, tag_key, tag, severity, updated_at, updated_by)
            VALUES ($study, $key, $tag, $severity, $at, $by)
            ON CONFLICT (study_id, tag_key) DO UPDATE SET
                tag = excluded.tag, severity = excluded.severity, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """;
        command.Parameters.AddWithValue("$study", severity.StudyId);
        command.Parameters.AddWithValue("$key", FindingSeverity.Key(severity.Tag));
        command.Parameters.AddWithValue("$tag", severity.Tag);
        command.Parameters.AddWithValue("$severity", severity.Severity);
        command.Parameters.AddWithValue("$at", severity.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$by", severity.UpdatedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> ClearAsync(string studyId, string tag, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM finding_severities WHERE study_id = $study AND tag_key = $key";
        command.Parameters.AddWithValue("$study", studyId);
        command.Parameters.AddWithValue("$key", FindingSeverity.Key(tag));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
