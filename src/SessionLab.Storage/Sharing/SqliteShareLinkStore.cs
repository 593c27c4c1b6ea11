using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SessionLab.Storage.Sharing;

/// <summary>View-only links in the embedded SQLite database (the <c>share_links</c> table, created with the others).</summary>
public sealed class SqliteShareLinkStore(SqliteDatabase database) : IShareLinkStore
{
    private const string Columns = "id, study_id, scope, session_id, note_id, tag, created_at, expires_at, revoked_at";

    public async Task AddAsync(ShareLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO share_links ({Columns}) VALUES ($id, $study, $scope, $session, $note, $tag, $created, $expires, NULL)";
        command.Parameters.AddWithValue("$id", link.Id);
        command.Parameters.AddWithValue("$study", link.StudyId);
        command.Parameters.AddWithValue("$scope", ShareScopeNames.Name(link.Scope));
        command.Parameters.AddWithValue("$session", (object?)link.SessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$note", (object?)link.NoteId?.ToString("D") ?? DBNull.Value);
        command.Parameters.AddWithValue("$tag", (object?)link.Tag ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", Text(link.CreatedAt));
        command.Parameters.AddWithValue("$expires", Text(link.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ShareLink?> FindAsync(string shareId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM share_links WHERE id = $id";
        command.Parameters.AddWithValue("$id", shareId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ShareLink>> ListAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM share_links WHERE study_id = $study ORDER BY created_at DESC, id";
        command.Parameters.AddWithValue("$study", studyId);
        var links = new List<ShareLink>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(Read(reader));
        }
        return links;
    }

    public async Task<ShareLink?> RevokeAsync(string studyId, string shareId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using (var connection = database.Open())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE share_links SET revoked_at = $at WHERE id = $id AND study_id = $study AND revoked_at IS NULL";
            command.Parameters.AddWithValue("$at", Text(at));
            command.Parameters.AddWithValue("$id", shareId);
            command.Parameters.AddWithValue("$study", studyId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return await FindAsync(shareId, cancellationToken) is { } link && link.StudyId == studyId ? link : null;
    }

    private static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static ShareLink Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ShareScopeNames.Parse(reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : Guid.Parse(reader.GetString(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        Time(reader.GetString(6)),
        Time(reader.GetString(7)),
        reader.IsDBNull(8) ? null : Time(reader.GetString(8)));
}
