using System.Security.Cryptography;
using Npgsql;
using SessionLab.Recordings.Tests;
using SessionLab.Server.Recordings;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>The recordings API with PostgreSQL as the configured store: the catalog must live there, not in a SQLite file beside it.</summary>
public sealed class PostgresRecordingsTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task WithPostgresConfiguredTheRecordingsCatalogIsKeptInPostgres()
    {
        var connectionString = await postgres.CreateDatabaseAsync().WaitAsync(TestTimeouts.Startup);
        using var server = new SessionLabFactory
        {
            Settings =
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:PostgresConnectionString"] = connectionString,
            },
        };
        var scenario = await RecordingScenario.CreateAsync(server).WaitAsync(TestTimeouts.Startup);
        await scenario.StartSessionAsync().WaitAsync(TestTimeouts.Step);
        var bytes = RandomNumberGenerator.GetBytes(100_000);

        var recording = await scenario.UploadRecordingAsync(bytes, clockOffsetMs: 0, durationMs: 5_000, chunkBytes: 40_000).WaitAsync(TestTimeouts.Startup);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WaitAsync(TestTimeouts.Step);
        await using var command = new NpgsqlCommand("SELECT status, bytes, chunk_count FROM recordings WHERE session_id = $1 AND id = $2", connection)
        {
            Parameters = { new() { Value = scenario.Session.Id }, new() { Value = recording.Id } },
        };
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(TestTimeouts.Step);
        Assert.True(await reader.ReadAsync().WaitAsync(TestTimeouts.Step));
        Assert.Equal((nameof(RecordingStatus.Complete), 100_000L, 3), (reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)));
        Assert.False(await SqliteHasRecordingsTableAsync(Path.Combine(server.DataDirectory, "sessionlab.db")), "The catalog went to SQLite although PostgreSQL is the configured store.");
    }

    private static async Task<bool> SqliteHasRecordingsTableAsync(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync().WaitAsync(TestTimeouts.Step);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'recordings'";
        return (long)(await command.ExecuteScalarAsync().WaitAsync(TestTimeouts.Step))! > 0;
    }
}
