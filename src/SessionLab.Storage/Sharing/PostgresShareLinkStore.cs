using Npgsql;

namespace SessionLab.Storage.Sharing;

/// <summary>View-only links in PostgreSQL (the <c>share_links</c> table, created with the others at start-up).</summary>
public sealed class PostgresShareLinkStore(PostgresDatabase database) : IShareLinkStore
{
    private const string Columns = "id, study_id, scope, session_id, note_id, tag, created_at, expires_at, revoked_at";

    public async Task AddAsync(ShareLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var command = database.DataSource.CreateCommand($"INSERT INTO share_links ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)");
        command.Parameters.Add(new NpgsqlParameter { Value = link.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = link.StudyId });
        command.Parameters.Add(new NpgsqlParameter { Value = ShareScopeNames.Name(link.Scope) });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = link.SessionId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = link.NoteId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = link.Tag, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = link.CreatedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = link.ExpiresAt.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ShareLink?> FindAsync(string shareId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM share_links WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = shareId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ShareLink>> ListAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM share_links WHERE study_id = $1 ORDER BY created_at DESC, id");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
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
        await using (var command = database.DataSource.CreateCommand("UPDATE share_links SET revoked_at = $1 WHERE id = $2 AND study_id = $3 AND revoked_at IS NULL"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter { Value = shareId });
            command.Parameters.Add(new NpgsqlParameter { Value = studyId });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return await FindAsync(shareId, cancellationToken) is { } link && link.StudyId == studyId ? link : null;
    }

    private static DateTimeOffset Time(NpgsqlDataReader reader, int ordinal) => new(reader.GetDateTime(ordinal), TimeSpan.Zero);

    private static ShareLink Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        ShareScopeNames.Parse(reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetGuid(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        Time(reader, 6),
        Time(reader, 7),
        reader.IsDBNull(8) ? null : Time(reader, 8));
}
