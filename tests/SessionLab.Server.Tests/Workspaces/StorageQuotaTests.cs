using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Workspaces;

/// <summary>Accounts:StorageQuotaGigabytes caps the recordings of each workspace, across its studies.</summary>
public sealed class StorageQuotaTests : IDisposable
{
    // 0.000001 GB: 1,000 bytes per workspace.
    private readonly SessionLabFactory _server = new() { Settings = { ["Accounts:StorageQuotaGigabytes"] = "0.000001" } };

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AWorkspaceOverItsQuotaIsRefusedAndStoresNothingWhileAnotherWorkspaceUploadsOn()
    {
        var team = await RecordingScenario.CreateAsync(_server);
        await team.StartSessionAsync();
        await team.UploadRecordingAsync(RandomNumberGenerator.GetBytes(600), clockOffsetMs: 0, durationMs: 1_000, chunkBytes: 300);
        Assert.Equal((600L, 1_000L), await UsageAsync(team));

        // Announced up front, refused up front: 600 + 500 is over 1,000.
        var announced = await team.PostRecordingAsync(team.Moderator, new { kind = "uploadedFile", contentType = "video/mp4", expectedBytes = 500 });
        var problem = await QuotaProblemAsync(announced);
        Assert.Equal((600L, 1_000L), (problem.GetProperty("usedBytes").GetInt64(), problem.GetProperty("limitBytes").GetInt64()));
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("holds 600 bytes", detail);
        Assert.Contains("its limit is 1 kB", detail);
        Assert.Contains("Accounts:StorageQuotaGigabytes", detail);
        Assert.Single(await team.Moderator.GetFromJsonAsync<Recording[]>($"{team.SessionPath}/recordings", RecordingScenario.Json) ?? []);

        // Of unknown size, it is refused at the chunk that would go over, and that chunk is not kept.
        var unannounced = await team.CreateRecordingAsync();
        await team.PutChunkAsync(unannounced.Id, 0, RandomNumberGenerator.GetBytes(300));
        await QuotaProblemAsync(await team.PutChunkAsync(team.Moderator, unannounced.Id, 1, new ByteArrayContent(RandomNumberGenerator.GetBytes(300))));
        var status = await team.GetUploadStatusAsync(unannounced.Id);
        Assert.Equal([0], status.Chunks.Select(c => c.Index));
        Assert.Equal(300, status.ReceivedBytes);

        // Another team's workspace has a quota of its own.
        var other = await RecordingScenario.CreateAsync(_server, await _server.AddMemberAsync("other-team@example.test"));
        await other.StartSessionAsync();
        await other.UploadRecordingAsync(RandomNumberGenerator.GetBytes(900), clockOffsetMs: 0, durationMs: 1_000, chunkBytes: 300);
        Assert.Equal((900L, 1_000L), await UsageAsync(other));
        Assert.Equal((600L, 1_000L), await UsageAsync(team));
    }

    [Fact]
    public async Task AWorkspacesStorageIsReadByItsMembersOnly()
    {
        var team = await RecordingScenario.CreateAsync(_server);
        var viewer = _server.ClientWith(await _server.AddMemberAsync("viewer@example.test", Accounts.Workspaces.WorkspaceRole.Viewer, team.Study.WorkspaceId));
        var usage = await viewer.GetFromJsonAsync<JsonElement>($"/api/workspaces/{team.Study.WorkspaceId}/storage");
        Assert.Equal(0, usage.GetProperty("usedBytes").GetInt64());
        Assert.Equal(1_000, usage.GetProperty("limitBytes").GetInt64());

        var stranger = _server.ClientWith(await _server.AddMemberAsync("stranger@example.test"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/workspaces/{team.Study.WorkspaceId}/storage")).StatusCode);
    }

    private static async Task<JsonElement> QuotaProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("storageQuotaReached", problem.GetProperty("code").GetString());
        return problem;
    }

    private async Task<(long Used, long Limit)> UsageAsync(RecordingScenario scenario)
    {
        var usage = await scenario.Owner.GetFromJsonAsync<JsonElement>($"/api/workspaces/{scenario.Study.WorkspaceId}/storage");
        return (usage.GetProperty("usedBytes").GetInt64(), usage.GetProperty("limitBytes").GetInt64());
    }
}
