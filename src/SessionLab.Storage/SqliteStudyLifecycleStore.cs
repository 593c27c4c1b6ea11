using System.Globalization;

namespace SessionLab.Storage;

public sealed class SqliteStudyLifecycleStore(SqliteDatabase database) : IStudyLifecycleStore
{
    public async Task<DateTimeOffset?> ArchivedAtAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT archived_at FROM study_archive WHERE study_id = $id";
        command.Parameters.AddWithValue("$id", studyId);
        return await command.ExecuteScalarAsync(cancellationToken) is string at
            ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
    }

    public async Task SetArchivedAsync(string studyId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = at is null
            ? "DELETE FROM study_archive WHERE study_id = $id"
            : "INSERT INTO study_archive (study_id, archived_at) VALUES ($id, $at) ON CONFLICT (study_id) DO NOTHING";
        command.Parameters.AddWithValue("$id", studyId);
        command.Parameters.AddWithValue("$at", at?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? (object)DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM study_archive WHERE study_id = $id; DELETE FROM studies WHERE id = $id";
        command.Parameters.AddWithValue("$id", studyId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
