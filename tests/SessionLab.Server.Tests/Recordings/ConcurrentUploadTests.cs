using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SessionLab.Recordings.Tests;
using SessionLab.Server.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>Calls on one recording that arrive together, as retries after a lost answer and parallel uploaders send them.</summary>
public sealed class ConcurrentUploadTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task ParallelCompletionsCommitOnceAndTheStoredFileIsWhatTheCatalogSays()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);

        // Each trial is a fresh recording; before completions took turns, about half of them ended inconsistent.
        for (var trial = 0; trial < 30; trial++)
        {
            var first = RandomNumberGenerator.GetBytes(20_000);
            var second = RandomNumberGenerator.GetBytes(12_394);
            var recording = await scenario.CreateRecordingAsync();
            await scenario.PutChunkAsync(recording.Id, 0, first);
            await scenario.PutChunkAsync(recording.Id, 1, second);
            int[] chunkCounts = [2, 1, 2, 1, 2, 1];

            var responses = await Task.WhenAll(chunkCounts.Select(count => scenario.CompleteAsync(recording.Id, count))).WaitAsync(TestTimeouts.Step);
            var entry = await scenario.CatalogEntryAsync(recording.Id);
            var stored = await scenario.Moderator.GetByteArrayAsync((await scenario.GetPlaybackAsync(recording.Id)).Url).WaitAsync(TestTimeouts.Step);

            Assert.Equal(RecordingStatus.Complete, entry.Status);
            Assert.Equal(entry.ChunkCount == 2 ? [.. first, .. second] : first, stored);
            Assert.Equal(entry.Bytes, stored.Length);
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
}
