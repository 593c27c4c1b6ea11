using Npgsql;

namespace SessionLab.Storage;

public sealed class PostgresStudyLifecycleStore(PostgresDatabase database) : IStudyLifecycleStore
{
    public async Task<DateTimeOffset?> ArchivedAtAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT archived_at FROM study_archive WHERE study_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public async Task SetArchivedAsync(string studyId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(at is null
            ? "DELETE FROM study_archive WHERE study_id = $1"
            : "INSERT INTO study_archive (study_id, archived_at) VALUES ($1, $2) ON CONFLICT (study_id) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        if (at is { } when)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = when.UtcDateTime });
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var batch = database.DataSource.CreateBatch();
        foreach (var sql in (string[])["DELETE FROM study_archive WHERE study_id = $1", "DELETE FROM studies WHERE id = $1"])
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = studyId });
            batch.BatchCommands.Add(command);
        }
        // One batch is one implicit transaction in PostgreSQL.
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
