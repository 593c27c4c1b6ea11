using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

public sealed class RecordingUploadTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    private const int ChunkBytes = 64 * 1024;

    [Fact]
    public async Task AnUploadInterruptedHalfWayAndResumedGivesAByteIdenticalRecording()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var bytes = RandomNumberGenerator.GetBytes(10 * ChunkBytes + 1234);

        var (recording, afterDrop) = await scenario.UploadThroughADroppedConnectionAsync(bytes, ChunkBytes, dropAt: 5);
        var retried = await scenario.CompleteAsync(recording.Id, 11);
        var played = await scenario.Moderator.GetByteArrayAsync((await scenario.GetPlaybackAsync(recording.Id)).Url);

        Assert.Equal([0, 1, 2, 3, 4], afterDrop.Chunks.Select(c => c.Index));
        Assert.All(afterDrop.Chunks, c => Assert.Equal(ChunkBytes, c.Bytes));
        Assert.Equal(RecordingStatus.Complete, recording.Status);
        Assert.Equal((11, bytes.LongLength), (recording.ChunkCount, recording.Bytes));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(played));
    }

    [Fact]
    public async Task CompletingBeforeEveryChunkArrivedNamesTheMissingOnesAndCommitsNothing()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await scenario.CreateRecordingAsync();
        await scenario.PutChunkAsync(recording.Id, 0, new byte[100]);
        await scenario.PutChunkAsync(recording.Id, 2, new byte[100]);

        var response = await scenario.CompleteAsync(recording.Id, 4);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var playback = await scenario.Moderator.GetAsync($"{scenario.SessionPath}/recordings/{recording.Id}/playback");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("chunksMissing", problem.GetProperty("code").GetString());
        Assert.Equal([1, 3], problem.GetProperty("missingChunks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("recordingNotComplete", await RecordingScenario.ProblemCodeAsync(playback));
    }

    [Fact]
    public async Task AnUnsupportedContentTypeIsRefusedWithAProblem()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);

        var html = await scenario.PostRecordingAsync(scenario.Moderator, new { kind = "uploadedFile", contentType = "text/html" });
        var webmWithCodecs = await scenario.PostRecordingAsync(scenario.Moderator, new { kind = "liveCapture", contentType = "video/webm;codecs=vp8,opus" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, html.StatusCode);
        Assert.Equal("unsupportedContentType", await RecordingScenario.ProblemCodeAsync(html));
        Assert.Equal(HttpStatusCode.Created, webmWithCodecs.StatusCode);
        Assert.Equal("video/webm", (await webmWithCodecs.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!.ContentType);
    }

    [Fact]
    public async Task ARecordingWithoutAKindOrAContentTypeIsAnInvalidRequestNamingTheMissingField()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);

        var empty = await scenario.PostRecordingAsync(scenario.Moderator, new { });
        var withoutKind = await scenario.PostRecordingAsync(scenario.Moderator, new { contentType = "video/webm" });
        var withoutType = await scenario.PostRecordingAsync(scenario.Moderator, new { kind = "uploadedFile" });

        Assert.Equal(["kind"], await RecordingScenario.InvalidFieldsAsync(empty));
        Assert.Equal(["kind"], await RecordingScenario.InvalidFieldsAsync(withoutKind));
        Assert.Equal(["contentType"], await RecordingScenario.InvalidFieldsAsync(withoutType));
        Assert.Empty(await scenario.Moderator.GetFromJsonAsync<Recording[]>($"{scenario.SessionPath}/recordings", RecordingScenario.Json) ?? []);
    }

    [Fact]
    public async Task UpdatingARecordingWithNothingToChangeIsAnInvalidRequest()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await scenario.CreateRecordingAsync("uploadedFile", "video/mp4", clockOffsetMs: -4000);
        var path = $"{scenario.SessionPath}/recordings/{recording.Id}";

        var nothing = await scenario.Moderator.PatchAsJsonAsync(path, new { });
        var duration = await scenario.Moderator.PatchAsJsonAsync(path, new { durationMs = 90_000 });
        var updated = (await duration.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!;

        Assert.Empty(await RecordingScenario.InvalidFieldsAsync(nothing));
        Assert.Equal((-4000L, 90_000L), (updated.ClockOffsetMs, updated.DurationMs));
    }

    [Fact]
    public async Task AnEndedSessionTakesAnUploadedFileButNoLiveCapture()
    {
        var ended = await RecordingScenario.CreateAsync(factory);
        await ended.StartSessionAsync();
        await ended.EndSessionAsync();
        var endedUnstarted = await RecordingScenario.CreateAsync(factory);
        await endedUnstarted.EndSessionAsync();

        var live = await ended.PostRecordingAsync(ended.Moderator, new { kind = "liveCapture", contentType = "video/webm" });
        var liveUnstarted = await endedUnstarted.PostRecordingAsync(endedUnstarted.Owner, new { kind = "liveCapture", contentType = "video/webm" });
        var file = await ended.PostRecordingAsync(ended.Moderator, new { kind = "uploadedFile", contentType = "video/mp4" });

        Assert.Equal(HttpStatusCode.Conflict, live.StatusCode);
        Assert.Equal("sessionEnded", await RecordingScenario.ProblemCodeAsync(live));
        Assert.Equal(HttpStatusCode.Conflict, liveUnstarted.StatusCode);
        Assert.Equal("sessionEnded", await RecordingScenario.ProblemCodeAsync(liveUnstarted));
        Assert.Equal(HttpStatusCode.Created, file.StatusCode);
    }

    [Fact]
    public async Task ChunksAndRecordingsOverTheSizeLimitsAreRefusedWithProblems()
    {
        using var limited = new SessionLabFactory { Settings = { ["Recordings:MaxBlockBytes"] = "1000", ["Recordings:MaxRecordingBytes"] = "2500" } };
        var scenario = await RecordingScenario.CreateAsync(limited);
        var recording = await scenario.CreateRecordingAsync();

        var tooBigChunk = await scenario.PutChunkAsync(scenario.Moderator, recording.Id, 0, new ByteArrayContent(new byte[1001]));
        await scenario.PutChunkAsync(recording.Id, 0, new byte[1000]);
        await scenario.PutChunkAsync(recording.Id, 1, new byte[1000]);
        var overTheTotal = await scenario.PutChunkAsync(scenario.Moderator, recording.Id, 2, new ByteArrayContent(new byte[501]));
        var resentChunk = await scenario.PutChunkAsync(scenario.Moderator, recording.Id, 1, new ByteArrayContent(new byte[1000]));
        var announcedTooBig = await scenario.PostRecordingAsync(scenario.Moderator, new { kind = "uploadedFile", contentType = "video/mp4", expectedBytes = 2501 });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBigChunk.StatusCode);
        Assert.Equal("chunkTooLarge", await RecordingScenario.ProblemCodeAsync(tooBigChunk));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overTheTotal.StatusCode);
        Assert.Equal("recordingTooLarge", await RecordingScenario.ProblemCodeAsync(overTheTotal));
        Assert.Equal(HttpStatusCode.OK, resentChunk.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announcedTooBig.StatusCode);
        Assert.Equal("recordingTooLarge", await RecordingScenario.ProblemCodeAsync(announcedTooBig));
    }

    [Fact]
    public async Task AnUploadedFileMustHoldTheBytesItAnnounced()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await scenario.CreateRecordingAsync("uploadedFile", "video/mp4", clockOffsetMs: -4000, expectedBytes: 300);
        await scenario.PutChunkAsync(recording.Id, 0, new byte[200]);

        var response = await scenario.CompleteAsync(recording.Id, 1);

        Assert.Equal(-4000, recording.ClockOffsetMs);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("sizeMismatch", await RecordingScenario.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task AStrayChunkNeitherBlocksAnUploadedFileNorEndsUpInIt()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await scenario.CreateRecordingAsync("uploadedFile", "video/mp4", expectedBytes: 300);
        var file = RandomNumberGenerator.GetBytes(300);
        await scenario.PutChunkAsync(recording.Id, 6, new byte[3]);

        var chunk = await scenario.PutChunkAsync(scenario.Moderator, recording.Id, 0, new ByteArrayContent(file));
        var completed = await scenario.CompleteAsync(recording.Id, 1);
        var stored = await scenario.Moderator.GetByteArrayAsync((await scenario.GetPlaybackAsync(recording.Id)).Url);
        var status = await scenario.GetUploadStatusAsync(recording.Id);

        Assert.Equal(HttpStatusCode.OK, chunk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(file, stored);
        Assert.Equal(new UploadedChunk(0, 300, Committed: true), Assert.Single(status.Chunks));
    }

    [Fact]
    public async Task AnUploadedFileResumedInBiggerChunksReplacesTheSmallerOnesItStartedWith()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var file = RandomNumberGenerator.GetBytes(400);
        var recording = await scenario.CreateRecordingAsync("uploadedFile", "video/mp4", expectedBytes: file.Length);
        var small = file.Chunk(100).ToList();
        for (var i = 0; i < small.Count; i++)
        {
            await scenario.PutChunkAsync(recording.Id, i, small[i]);
        }

        var big = file.Chunk(200).ToList();
        var first = await scenario.PutChunkAsync(scenario.Moderator, recording.Id, 0, new ByteArrayContent(big[0]));
        var second = await scenario.PutChunkAsync(scenario.Moderator, recording.Id, 1, new ByteArrayContent(big[1]));
        var completed = await scenario.CompleteAsync(recording.Id, 2);
        var stored = await scenario.Moderator.GetByteArrayAsync((await scenario.GetPlaybackAsync(recording.Id)).Url);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode, completed.StatusCode));
        Assert.Equal(file, stored);
    }

    [Fact]
    public async Task AChunkThatWithThoseBelowItGoesPastTheAnnouncedSizeIsRefused()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await scenario.CreateRecordingAsync("uploadedFile", "video/mp4", expectedBytes: 300);
        await scenario.PutChunkAsync(recording.Id, 0, new byte[200]);

        var over = await scenario.PutChunkAsync(scenario.Moderator, recording.Id, 1, new ByteArrayContent(new byte[101]));
        var fits = await scenario.PutChunkAsync(scenario.Moderator, recording.Id, 1, new ByteArrayContent(new byte[100]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal("recordingTooLarge", await RecordingScenario.ProblemCodeAsync(over));
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task ACompletionWhoseCatalogWriteWasLostSucceedsWhenRetried()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var file = RandomNumberGenerator.GetBytes(1500);
        var recording = await scenario.CreateRecordingAsync();
        await scenario.PutChunkAsync(recording.Id, 0, file[..1000]);
        await scenario.PutChunkAsync(recording.Id, 1, file[1000..]);

        // What a crash between the commit and the catalog write leaves: the blob committed, the recording still uploading.
        var blobName = (await scenario.CatalogEntryAsync(recording.Id)).BlobName;
        await scenario.Server.Services.GetRequiredService<IBlobStore>().CommitBlockListAsync(blobName, [BlockId.FromIndex(0), BlockId.FromIndex(1)], "video/webm", CancellationToken.None);
        var completed = await scenario.CompleteAsync(recording.Id, 2);
        var stored = await scenario.Moderator.GetByteArrayAsync((await scenario.GetPlaybackAsync(recording.Id)).Url);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(1500, (await completed.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!.Bytes);
        Assert.Equal(file, stored);
    }

    [Fact]
    public async Task OnlyTheOwnerAndTheModeratorMayUploadAndTheParticipantMayNeitherListNorPlay()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await scenario.UploadRecordingAsync(RandomNumberGenerator.GetBytes(1000), clockOffsetMs: 0, durationMs: 5000);
        var create = new { kind = "liveCapture", contentType = "video/webm" };
        var recordings = $"{scenario.SessionPath}/recordings";

        Assert.Equal(HttpStatusCode.Created, (await scenario.PostRecordingAsync(scenario.Owner, create)).StatusCode);
        foreach (var outsider in new[] { scenario.Observer, scenario.Participant })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await scenario.PostRecordingAsync(outsider, create)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await scenario.PutChunkAsync(outsider, recording.Id, 0, new ByteArrayContent(new byte[10]))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"{recordings}/{recording.Id}/upload")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"{recordings}/{recording.Id}/complete", new { chunkCount = 1 })).StatusCode);
        }
        foreach (var team in new[] { scenario.Owner, scenario.Moderator, scenario.Observer })
        {
            Assert.Single((await team.GetFromJsonAsync<Recording[]>(recordings, RecordingScenario.Json))!, r => r.Id == recording.Id);
            Assert.Equal(HttpStatusCode.OK, (await team.GetAsync($"{recordings}/{recording.Id}/playback")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Participant.GetAsync(recordings)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Participant.GetAsync($"{recordings}/{recording.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Participant.GetAsync($"{recordings}/{recording.Id}/playback")).StatusCode);
    }

    [Fact]
    public async Task ARecordingOfAnotherSessionIsNotFoundThroughThisOne()
    {
        var first = await RecordingScenario.CreateAsync(factory);
        var second = await RecordingScenario.CreateAsync(factory);
        var recording = await first.CreateRecordingAsync();

        var response = await second.Owner.GetAsync($"{second.SessionPath}/recordings/{recording.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("recordingNotFound", await RecordingScenario.ProblemCodeAsync(response));
    }
}
