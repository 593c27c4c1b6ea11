using Microsoft.Data.Sqlite;

namespace SessionLab.Storage.Tests.Studies;

public sealed class SqliteStudyStoreTests : StudyStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sessionlab-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "sessionlab.db");

    public override Task InitializeAsync()
    {
        Store = new CachedStudyStore(new SqliteStudyStore(new SqliteDatabase(DatabasePath)));
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    protected override IStudyStore OpenOtherNode() => new CachedStudyStore(new SqliteStudyStore(new SqliteDatabase(DatabasePath)));

    protected override async Task OpenOverEarlierReleaseAsync()
    {
        var path = Path.Combine(_folder, "earlier", "sessionlab.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE studies (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, document TEXT NOT NULL); INSERT INTO studies VALUES ('st_old', '2026-10-01T09:00:00.0000000+00:00', $document);";
            command.Parameters.AddWithValue("$document", LegacyDocument);
            await command.ExecuteNonQueryAsync();
        }
        Store = new CachedStudyStore(new SqliteStudyStore(new SqliteDatabase(path)));
    }
}
