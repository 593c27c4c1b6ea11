using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SessionLab.Recordings.Tests;
using SessionLab.Recordings;
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

    [Fact]
    public async Task AChunkStillArrivingWhenTheRecordingIsCompletedIsEitherInTheRecordingOrRefused()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var first = RandomNumberGenerator.GetBytes(1000);
        var second = RandomNumberGenerator.GetBytes(1000);
        var replacement = RandomNumberGenerator.GetBytes(1000);
        var recording = await scenario.CreateRecordingAsync();
        await scenario.PutChunkAsync(recording.Id, 0, first);
        await scenario.PutChunkAsync(recording.Id, 1, second);
        var release = new TaskCompletionSource();

        // The slow chunk is past the server's first look at the recording when the completion arrives.
        using var slowUploader = scenario.CreateStreamingModeratorClient();
        var put = scenario.PutChunkAsync(slowUploader, recording.Id, 1, HeldBackStream.Content(replacement, 10, release.Task));
        await Task.Delay(300);
        var complete = scenario.CompleteAsync(recording.Id, 2);
        await Task.Delay(300);
        release.SetResult();
        var putResponse = await put.WaitAsync(TestTimeouts.Step);
        var completeResponse = await complete.WaitAsync(TestTimeouts.Step);
        var stored = await scenario.Moderator.GetByteArrayAsync((await scenario.GetPlaybackAsync(recording.Id)).Url).WaitAsync(TestTimeouts.Step);
        var status = await scenario.GetUploadStatusAsync(recording.Id);

        Assert.Equal(HttpStatusCode.OK, completeResponse.StatusCode);
        if (putResponse.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal([.. first, .. replacement], stored);
        }
        else
        {
            Assert.Equal("recordingAlreadyComplete", await RecordingScenario.ProblemCodeAsync(putResponse));
            Assert.Equal([.. first, .. second], stored);
        }
        Assert.All(status.Chunks, chunk => Assert.True(chunk.Committed));
    }

    [Fact]
    public async Task ChunksSentInParallelCannotTogetherGoPastTheRecordingLimit()
    {
        using var limited = new SessionLabFactory { Settings = { ["Recordings:MaxBlockBytes"] = "400000", ["Recordings:MaxRecordingBytes"] = "1000000" } };
        var scenario = await RecordingScenario.CreateAsync(limited);
        var recording = await scenario.CreateRecordingAsync();
        var release = new TaskCompletionSource();
        using var uploader = scenario.CreateStreamingModeratorClient();

        // A parallel uploader on a slow line: every chunk has been announced before any has finished arriving.
        var puts = Enumerable.Range(0, 8)
            .Select(i => scenario.PutChunkAsync(uploader, recording.Id, i, HeldBackStream.Content(RandomNumberGenerator.GetBytes(400_000), 10, release.Task)))
            .ToList();
        await Task.Delay(300);
        release.SetResult();
        var responses = await Task.WhenAll(puts).WaitAsync(TestTimeouts.Step);
        var status = await scenario.GetUploadStatusAsync(recording.Id);

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode));
        Assert.Equal(800_000, status.ReceivedBytes);
    }
}
