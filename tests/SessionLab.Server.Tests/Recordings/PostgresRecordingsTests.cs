using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SessionLab.Recordings;
using SessionLab.Recordings.Tests;
using SessionLab.Server.Tests.Support;
using SessionLab.Storage;
using SessionLab.Storage.Tests.Support;

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

    [Fact]
    public async Task RecordingsCataloguedInSqliteBeforeTheSwitchToPostgresStayListedAcrossRestarts()
    {
        var connectionString = await postgres.CreateDatabaseAsync().WaitAsync(TestTimeouts.Startup);
        var dataDirectory = Directory.CreateTempSubdirectory("sessionlab-upgrade-").FullName;
        try
        {
            var sessionId = "ses_" + Guid.NewGuid().ToString("N")[..12];
            var noteId = Guid.NewGuid();
            var recording = new Recording(
                "rec_earlier", sessionId, "st_earlier", RecordingKind.LiveCapture, "video/webm", 0, 60_000, null, RecordingStatus.Complete, 4096, 1, "mod_1",
                new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 10, 1, 0, TimeSpan.Zero), null,
                BlobName.Parse($"studies/st_earlier/sessions/{sessionId}/recordings/rec_earlier.webm"));
            var earlier = new SqliteRecordingCatalog(new SqliteDatabase(Path.Combine(dataDirectory, "sessionlab.db")));
            await earlier.CreateSchemaAsync(CancellationToken.None).WaitAsync(TestTimeouts.Step);
            await earlier.AddAsync(recording, CancellationToken.None).WaitAsync(TestTimeouts.Step);
            await earlier.SetClipWindowAsync(sessionId, noteId, new ClipWindow(3000, 4000), CancellationToken.None).WaitAsync(TestTimeouts.Step);

            for (var start = 1; start <= 2; start++)
            {
                using var server = new SessionLabFactory
                {
                    Settings =
                    {
                        ["Storage:Provider"] = "Postgres",
                        ["Storage:PostgresConnectionString"] = connectionString,
                        ["Storage:DataDirectory"] = dataDirectory,
                    },
                };

                var catalog = Assert.IsType<PostgresRecordingCatalog>(server.Services.GetRequiredService<IRecordingCatalog>());

                Assert.Equal([recording], await catalog.ListAsync(sessionId, CancellationToken.None).WaitAsync(TestTimeouts.Step));
                Assert.Equal(new ClipWindow(3000, 4000), (await catalog.GetClipWindowsAsync(sessionId, CancellationToken.None).WaitAsync(TestTimeouts.Step))[noteId]);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
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
