using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SessionLab.Accounts.Workspaces;
using SessionLab.Recordings;
using SessionLab.Recordings.Tests;
using SessionLab.Server.Apis;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;
using SessionLab.Storage.Tests.Support;
using static SessionLab.Server.Tests.Lifecycle.LifecycleScenario;

namespace SessionLab.Server.Tests.Lifecycle;

/// <summary>Deleting removes the bytes from Azure Blob Storage (Azurite) as it does from the local folder.</summary>
public sealed class AzureLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task DeletingASessionAndARecordingRemovesTheirBlobsFromAzure()
    {
        using var server = new SessionLabFactory
        {
            Settings =
            {
                ["Recordings:ConnectionString"] = azurite.ConnectionString,
                ["Recordings:Container"] = $"rec{Guid.NewGuid():N}",
            },
        };
        var (first, firstRecording, firstClip) = await RecordedSessionAsync(server, RandomNumberGenerator.GetBytes(60_000)).WaitAsync(TestTimeouts.Startup);
        var (second, _, _) = await RecordedSessionAsync(server, RandomNumberGenerator.GetBytes(30_000)).WaitAsync(TestTimeouts.Startup);
        var firstBlob = (await first.CatalogEntryAsync(firstRecording.Id)).BlobName;

        var recordingDeleted = await first.Owner.DeleteAsync($"{first.SessionPath}/recordings/{firstRecording.Id}").WaitAsync(TestTimeouts.Step);
        var sessionDeleted = await second.Owner.DeleteAsync(second.SessionPath).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.OK, recordingDeleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sessionDeleted.StatusCode);
        Assert.IsType<AzureBlobStore>(Blobs(server));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Blobs(server).GetPropertiesAsync(firstBlob, CancellationToken.None));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Blobs(server).GetPropertiesAsync(firstClip, CancellationToken.None));
        Assert.Empty(await BlobNamesAsync(server, $"studies/{second.Study.Study.Id}/sessions/{second.Session.Id}/"));
        Assert.Empty(await BlobNamesAsync(server, $"studies/{first.Study.Study.Id}/sessions/{first.Session.Id}/"));
    }
}

/// <summary>Cancelling, archiving and deleting with PostgreSQL as the store: the rows go from PostgreSQL.</summary>
public sealed class PostgresLifecycleTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task WithPostgresANoShowAnArchiveAndADeleteAreKeptThere()
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
        var (scenario, recording, _) = await RecordedSessionAsync(server, RandomNumberGenerator.GetBytes(20_000)).WaitAsync(TestTimeouts.Startup);
        var noShow = await server.CreateSessionAsync(scenario.Study);
        var study = scenario.Study.Study.Id;

        (await scenario.Owner.PostAsJsonAsync($"/api/sessions/{noShow.Id}/cancel", new { noShow = true }, SessionLabFactory.Json)).EnsureSuccessStatusCode();
        (await scenario.Owner.PostAsync($"/api/studies/{study}/archive", null)).EnsureSuccessStatusCode();
        (await scenario.Owner.DeleteAsync(scenario.SessionPath)).EnsureSuccessStatusCode();
        var listed = await scenario.Owner.GetFromJsonAsync<List<SessionSummary>>($"/api/studies/{study}/sessions", SessionLabFactory.Json);
        var workspace = await scenario.Owner.GetFromJsonAsync<List<WorkspaceStudy>>($"/api/workspaces/{scenario.Study.WorkspaceId}/studies", SessionLabFactory.Json);

        Assert.Equal([(noShow.Id, SessionStatus.NoShow)], listed!.Select(s => (s.Id, s.Status)));
        Assert.NotNull(workspace!.Single(s => s.Id == study).ArchivedAt);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM session_events WHERE session_id = $1", scenario.Session.Id));
        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM sessions WHERE id = $1", scenario.Session.Id));
        Assert.Equal(0L, await CountAsync(connection, "SELECT count(*) FROM recordings WHERE id = $1", recording.Id));
        Assert.Equal(1L, await CountAsync(connection, "SELECT count(*) FROM study_archive WHERE study_id = $1", study));
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, string value)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
