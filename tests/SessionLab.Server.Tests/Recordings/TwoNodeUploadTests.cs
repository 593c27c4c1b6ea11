using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SessionLab.Recordings.Tests;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Cluster;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>
/// Calls on one recording that arrive together at two servers of one cluster: the recording's turn holds across
/// nodes, not only within a process.
/// </summary>
public sealed class TwoNodeUploadTests(TwoNodeRecordingCluster cluster) : IClassFixture<TwoNodeRecordingCluster>
{
    [Fact]
    public async Task ParallelCompletionsOnTwoNodesCommitOnceAndTheStoredFileIsWhatTheCatalogSays()
    {
        var (sessionId, first, second) = await ModeratorOnBothNodesAsync();
        using var _ = first;
        using var __ = second;
        HttpClient[] nodes = [first, second];

        // Each trial is a fresh recording, so its grain may live on either node.
        for (var trial = 0; trial < 20; trial++)
        {
            var firstChunk = RandomNumberGenerator.GetBytes(20_000);
            var secondChunk = RandomNumberGenerator.GetBytes(12_394);
            var recording = await CreateRecordingAsync(first, sessionId);
            await PutChunkAsync(first, sessionId, recording.Id, 0, firstChunk);
            await PutChunkAsync(second, sessionId, recording.Id, 1, secondChunk);
            int[] chunkCounts = [2, 1, 2, 1, 2, 1];

            var responses = await Task.WhenAll(chunkCounts.Select((count, i) =>
                nodes[i % 2].PostAsJsonAsync($"/api/sessions/{sessionId}/recordings/{recording.Id}/complete", new { chunkCount = count }, RecordingScenario.Json)))
                .WaitAsync(TestTimeouts.Step);
            var entry = (await second.GetFromJsonAsync<Recording>($"/api/sessions/{sessionId}/recordings/{recording.Id}", RecordingScenario.Json).WaitAsync(TestTimeouts.Step))!;

            Assert.Equal(RecordingStatus.Complete, entry.Status);
            foreach (var node in nodes)
            {
                var playback = (await node.GetFromJsonAsync<PlaybackLink>($"/api/sessions/{sessionId}/recordings/{recording.Id}/playback", RecordingScenario.Json).WaitAsync(TestTimeouts.Step))!;
                var stored = await node.GetByteArrayAsync(playback.Url).WaitAsync(TestTimeouts.Step);
                Assert.Equal(entry.ChunkCount == 2 ? [.. firstChunk, .. secondChunk] : firstChunk, stored);
                Assert.Equal(entry.Bytes, stored.Length);
            }
            for (var i = 0; i < responses.Length; i++)
            {
                if (chunkCounts[i] == entry.ChunkCount)
                {
                    Assert.Equal(HttpStatusCode.OK, responses[i].StatusCode);
                    var answered = (await responses[i].Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!;
                    Assert.Equal((RecordingStatus.Complete, entry.Bytes, entry.ChunkCount), (answered.Status, answered.Bytes, answered.ChunkCount));
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Conflict, responses[i].StatusCode);
                    Assert.Equal("recordingAlreadyComplete", await RecordingScenario.ProblemCodeAsync(responses[i]));
                }
            }
        }
    }

    [Fact]
    public async Task ChunksSentInParallelToTwoNodesCannotTogetherGoPastTheRecordingLimit()
    {
        var (sessionId, first, second) = await ModeratorOnBothNodesAsync();
        using var _ = first;
        using var __ = second;
        HttpClient[] nodes = [first, second];

        // Four chunks at each node at once; the limit holds two of them.
        for (var trial = 0; trial < 5; trial++)
        {
            var recording = await CreateRecordingAsync(first, sessionId);
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                nodes[i % 2].PutAsync($"/api/sessions/{sessionId}/recordings/{recording.Id}/chunks/{i}",
                    new ByteArrayContent(RandomNumberGenerator.GetBytes((int)TwoNodeRecordingCluster.MaxBlockBytes)))))
                .WaitAsync(TestTimeouts.Step);
            var status = (await second.GetFromJsonAsync<UploadStatus>($"/api/sessions/{sessionId}/recordings/{recording.Id}/upload", RecordingScenario.Json).WaitAsync(TestTimeouts.Step))!;

            Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode));
            Assert.Equal(2 * TwoNodeRecordingCluster.MaxBlockBytes, status.ReceivedBytes);
        }
    }

    /// <summary>A fresh session, and its moderator's client on each node.</summary>
    private async Task<(string SessionId, HttpClient First, HttpClient Second)> ModeratorOnBothNodesAsync()
    {
        var (sessionId, invites) = await ClusterSetup.NewSessionAsync(cluster.First.BaseUrl).WaitAsync(TestTimeouts.Step);
        return (sessionId, Client(cluster.First.BaseUrl, invites[SessionRole.Moderator]), Client(cluster.Second.BaseUrl, invites[SessionRole.Moderator]));
    }

    private static HttpClient Client(Uri node, string token)
    {
        var client = new HttpClient { BaseAddress = node };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<Recording> CreateRecordingAsync(HttpClient node, string sessionId)
    {
        var response = await node.PostAsJsonAsync($"/api/sessions/{sessionId}/recordings", new { kind = "liveCapture", contentType = "video/webm", clockOffsetMs = 0 }, RecordingScenario.Json)
            .WaitAsync(TestTimeouts.Step);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!;
    }

    private static async Task PutChunkAsync(HttpClient node, string sessionId, string recordingId, int index, byte[] bytes)
    {
        var response = await node.PutAsync($"/api/sessions/{sessionId}/recordings/{recordingId}/chunks/{index}", new ByteArrayContent(bytes)).WaitAsync(TestTimeouts.Step);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
