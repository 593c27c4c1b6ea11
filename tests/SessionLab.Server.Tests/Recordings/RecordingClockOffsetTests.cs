using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>Every way a recording is made places it on the session clock where it really began.</summary>
public sealed class RecordingClockOffsetTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task AConsoleCaptureDuringTheSessionStartsWhereCaptureBegan()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var sessionStartedAt = await scenario.SessionStartedAtAsync();

        var recording = await CreateLiveCaptureAsync(scenario, startedAt: sessionStartedAt.AddSeconds(5));

        Assert.Equal(5_000, recording.ClockOffsetMs);
        Assert.Equal(5_000, (await GetAsync(scenario, recording.Id)).ClockOffsetMs);
    }

    [Fact]
    public async Task AConsoleCaptureThatNamesNoStartBeganWhenTheServerCreatedIt()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var sessionStartedAt = await scenario.SessionStartedAtAsync();

        var recording = await CreateLiveCaptureAsync(scenario, startedAt: null);

        Assert.Equal(Recording.OffsetBetween(recording.CreatedAt, sessionStartedAt), recording.ClockOffsetMs);
        Assert.True(recording.ClockOffsetMs >= 0);
    }

    [Fact]
    public async Task AConsoleCaptureStartedBeforeStartSessionIsPlacedBeforeTheSessionOnceItStarts()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var captureStartedAt = DateTimeOffset.UtcNow.AddSeconds(-3);
        var recording = await CreateLiveCaptureAsync(scenario, captureStartedAt);
        var beforeStart = await GetAsync(scenario, recording.Id);

        await scenario.StartSessionAsync();
        var sessionStartedAt = await scenario.SessionStartedAtAsync();
        await scenario.PutChunkAsync(recording.Id, 0, RandomNumberGenerator.GetBytes(2_000));
        var completed = await scenario.CompleteAsync(recording.Id, chunkCount: 1, durationMs: 60_000);
        var saved = (await completed.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!;

        Assert.Equal(0, beforeStart.ClockOffsetMs);
        Assert.True(saved.ClockOffsetMs <= -3_000, $"The recording began 3 s before the session, yet starts at {saved.ClockOffsetMs} ms.");
        Assert.Equal(Recording.OffsetBetween(Micro(captureStartedAt), sessionStartedAt), saved.ClockOffsetMs);
        Assert.Equal(saved.ClockOffsetMs, (await scenario.Moderator.GetFromJsonAsync<Recording[]>($"{scenario.SessionPath}/recordings", RecordingScenario.Json))!.Single().ClockOffsetMs);
    }

    [Fact]
    public async Task AnInterruptedRecordingBegunBeforeTheSessionKeepsItsNegativeOffsetWhenSavedAndItsClipsLineUp()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var captureStartedAt = DateTimeOffset.UtcNow.AddSeconds(-3);
        var recording = await CreateLiveCaptureAsync(scenario, captureStartedAt);
        await scenario.PutChunkAsync(recording.Id, 0, RandomNumberGenerator.GetBytes(2_000));
        await scenario.PutChunkAsync(recording.Id, 1, RandomNumberGenerator.GetBytes(2_000));
        await scenario.StartSessionAsync();
        var sessionStartedAt = await scenario.SessionStartedAtAsync();
        var noteId = await scenario.AddNoteAsync(20_000, "confusion");

        // The page that recorded is gone: whoever saves it sends only the chunks that arrived, with no duration.
        var rescued = await scenario.CompleteAsync(recording.Id, chunkCount: 2);
        var saved = (await rescued.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!;
        var clip = (await scenario.Observer.GetFromJsonAsync<Clip>($"{scenario.SessionPath}/notes/{noteId}/clip", RecordingScenario.Json))!;

        var expectedOffset = Recording.OffsetBetween(Micro(captureStartedAt), sessionStartedAt);
        Assert.Equal(HttpStatusCode.OK, rescued.StatusCode);
        Assert.Equal(expectedOffset, saved.ClockOffsetMs);
        Assert.True(saved.ClockOffsetMs <= -3_000);
        // The note, 20 s into the session, is 20 s plus however long recording ran before the start into the video.
        Assert.Equal((20_000 - expectedOffset) / 1000.0 - clip.BeforeSeconds, clip.StartSeconds, precision: 3);
    }

    [Fact]
    public async Task ACaptureOfASessionThatNeverStartedStaysAtTheSessionClocksZero()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await CreateLiveCaptureAsync(scenario, DateTimeOffset.UtcNow.AddSeconds(-3));
        await scenario.PutChunkAsync(recording.Id, 0, RandomNumberGenerator.GetBytes(1_000));
        await scenario.EndSessionAsync();

        var completed = await scenario.CompleteAsync(recording.Id, chunkCount: 1);
        var saved = (await completed.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!;

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(0, saved.ClockOffsetMs);
    }

    [Fact]
    public async Task AnUploadedFileStartsWhereItsEnteredStartTimeSaysWhenTheSessionHasOrHasNotStarted()
    {
        var early = await RecordingScenario.CreateAsync(factory);
        var beforeStart = await early.CreateRecordingAsync("uploadedFile", "video/mp4", clockOffsetMs: -90_000);
        await early.StartSessionAsync();
        var late = await RecordingScenario.CreateAsync(factory);
        await late.StartSessionAsync();
        var afterStart = await late.CreateRecordingAsync("uploadedFile", "video/mp4", clockOffsetMs: 12_000);

        Assert.Equal(-90_000, (await GetAsync(early, beforeStart.Id)).ClockOffsetMs);
        Assert.Equal(12_000, (await GetAsync(late, afterStart.Id)).ClockOffsetMs);
    }

    [Fact]
    public async Task ARecordingReAlignedByHandKeepsTheOffsetGivenOverWhereItsCaptureBegan()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        var recording = await CreateLiveCaptureAsync(scenario, DateTimeOffset.UtcNow.AddSeconds(-3));
        await scenario.StartSessionAsync();

        var patched = await scenario.Moderator.PatchAsJsonAsync($"{scenario.SessionPath}/recordings/{recording.Id}", new { clockOffsetMs = -754_000 });
        var observerPatch = await scenario.Observer.PatchAsJsonAsync($"{scenario.SessionPath}/recordings/{recording.Id}", new { clockOffsetMs = 0 });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(-754_000, (await patched.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!.ClockOffsetMs);
        Assert.Equal(HttpStatusCode.Forbidden, observerPatch.StatusCode);
        Assert.Equal(-754_000, (await GetAsync(scenario, recording.Id)).ClockOffsetMs);
    }

    [Fact]
    public async Task ACaptureStartFarFromTheServersClockOrBesideAnOffsetIsRefusedAndMakesNoRecording()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);

        var yesterday = await scenario.PostRecordingAsync(scenario.Moderator, new { kind = "liveCapture", contentType = "video/webm", startedAt = DateTimeOffset.UtcNow.AddDays(-1) });
        var both = await scenario.PostRecordingAsync(scenario.Moderator, new { kind = "liveCapture", contentType = "video/webm", startedAt = DateTimeOffset.UtcNow, clockOffsetMs = 0 });

        Assert.Equal(["startedAt"], await RecordingScenario.InvalidFieldsAsync(yesterday));
        Assert.Equal(["startedAt"], await RecordingScenario.InvalidFieldsAsync(both));
        Assert.Empty((await scenario.Moderator.GetFromJsonAsync<Recording[]>($"{scenario.SessionPath}/recordings", RecordingScenario.Json))!);
    }

    private static async Task<Recording> CreateLiveCaptureAsync(RecordingScenario scenario, DateTimeOffset? startedAt)
    {
        var response = await scenario.PostRecordingAsync(scenario.Moderator, new { kind = "liveCapture", contentType = "video/webm", startedAt });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Recording>(RecordingScenario.Json))!;
    }

    private static async Task<Recording> GetAsync(RecordingScenario scenario, string recordingId) =>
        (await scenario.Observer.GetFromJsonAsync<Recording>($"{scenario.SessionPath}/recordings/{recordingId}", RecordingScenario.Json))!;

    /// <summary>The catalog keeps whole microseconds.</summary>
    private static DateTimeOffset Micro(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));
}
