using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SessionLab.Recordings;
using SessionLab.Recordings.Tests;
using SessionLab.Server.Tests.Cluster;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>
/// Two servers in one cluster (Redis membership, PostgreSQL, recordings on Azure Blob Storage in Azurite). A recording
/// is uploading through the node that holds its recording grain when that node is killed with SIGKILL, a chunk in
/// flight: the browser resumes on the other node, which still knows every chunk it acknowledged, and the finished
/// recording is exactly the chunks sent, in order.
/// </summary>
public sealed class UploadFailoverTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int ChunkBytes = 48_000;
    private const int ChunkCount = 6;

    private readonly AzuriteFixture _azurite = new();
    private KillableCluster _cluster = null!;
    private IReadOnlyList<ClusterNode> _nodes = [];

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _cluster = await KillableCluster.StartAsync(2, [$"--Recordings:ConnectionString={_azurite.ConnectionString}"]);
        _nodes = _cluster.Nodes;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            output.WriteLine($"Node with silo port {node.SiloPort}:\n{node.Output}");
        }
        await _cluster.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task KillingTheNodeAnUploadGoesThroughLosesNoAcknowledgedChunkAndTheUploadFinishesOnTheOther()
    {
        var (sessionId, invites) = await ClusterSetup.NewSessionAsync(_nodes[0].BaseUrl).WaitAsync(TestTimeouts.Step);
        var chunks = Enumerable.Range(0, ChunkCount).Select(_ => RandomNumberGenerator.GetBytes(ChunkBytes)).ToArray();
        using var first = Client(_nodes[0].BaseUrl, invites[SessionRole.Moderator]);
        var created = await first.PostAsJsonAsync($"/api/sessions/{sessionId}/recordings",
            new { kind = "uploadedFile", contentType = "video/webm", clockOffsetMs = 0 }, RecordingScenario.Json).WaitAsync(TestTimeouts.Step);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var recording = (await created.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!;

        // The first chunk activates the recording's grain; the upload then goes on through the node that holds it.
        await PutChunkAsync(first, sessionId, recording.Id, 0, chunks[0]);
        var victim = await _cluster.NodeHoldingAsync("recording", recording.Id);
        var survivor = _nodes.Single(n => n != victim);
        using var toVictim = Client(victim.BaseUrl, invites[SessionRole.Moderator]);
        using var toSurvivor = Client(survivor.BaseUrl, invites[SessionRole.Moderator]);
        for (var index = 1; index < 3; index++)
        {
            await PutChunkAsync(toVictim, sessionId, recording.Id, index, chunks[index]);
        }

        // Chunk 3 is in flight when the node dies; whether it was staged is not known to the sender.
        var inFlight = toVictim.PutAsync($"/api/sessions/{sessionId}/recordings/{recording.Id}/chunks/3", new ByteArrayContent(chunks[3]));
        await victim.KillAsync();
        try
        {
            (await inFlight.WaitAsync(TestTimeouts.Step)).Dispose();
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or TimeoutException)
        {
            // Most often the connection drops with the node; the sender cannot tell whether the chunk was staged.
        }

        // As the browser does: ask the other node what arrived, then send what is missing and complete.
        var status = await UntilAnsweredAsync(() => toSurvivor.GetFromJsonAsync<UploadStatus>(
            $"/api/sessions/{sessionId}/recordings/{recording.Id}/upload", RecordingScenario.Json));
        var received = status!.Chunks.Select(c => c.Index).ToHashSet();
        Assert.Superset(new HashSet<int> { 0, 1, 2 }, received);
        Assert.All(status.Chunks, c => Assert.Equal(ChunkBytes, c.Bytes));
        foreach (var index in Enumerable.Range(0, ChunkCount).Where(i => !received.Contains(i)))
        {
            await PutChunkAsync(toSurvivor, sessionId, recording.Id, index, chunks[index]);
        }
        var completed = await toSurvivor.PostAsJsonAsync($"/api/sessions/{sessionId}/recordings/{recording.Id}/complete",
            new { chunkCount = ChunkCount }, RecordingScenario.Json).WaitAsync(TestTimeouts.Step);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);

        var entry = (await toSurvivor.GetFromJsonAsync<Recording>($"/api/sessions/{sessionId}/recordings/{recording.Id}", RecordingScenario.Json).WaitAsync(TestTimeouts.Step))!;
        Assert.Equal((RecordingStatus.Complete, ChunkCount, (long)ChunkCount * ChunkBytes), (entry.Status, entry.ChunkCount, entry.Bytes));
        var playback = (await toSurvivor.GetFromJsonAsync<PlaybackLink>($"/api/sessions/{sessionId}/recordings/{recording.Id}/playback", RecordingScenario.Json).WaitAsync(TestTimeouts.Step))!;
        using var anyone = new HttpClient();
        var stored = await anyone.GetByteArrayAsync(playback.Url).WaitAsync(TestTimeouts.Step);
        Assert.Equal(chunks.SelectMany(c => c).ToArray(), stored);
    }

    /// <summary>
    /// Until the cluster notices the dead node, a call to the recording's grain can fail; the browser's uploader retries
    /// the same way. A minute is far more than membership needs (three missed one-second probes).
    /// </summary>
    private static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                return await call().WaitAsync(TestTimeouts.Step);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static HttpClient Client(Uri node, string token)
    {
        var client = new HttpClient { BaseAddress = node };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task PutChunkAsync(HttpClient node, string sessionId, string recordingId, int index, byte[] bytes)
    {
        var response = await UntilAnsweredAsync(async () =>
        {
            var answer = await node.PutAsync($"/api/sessions/{sessionId}/recordings/{recordingId}/chunks/{index}", new ByteArrayContent(bytes));
            return answer.StatusCode == HttpStatusCode.ServiceUnavailable ? throw new HttpRequestException("unavailable, retried") : answer;
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
