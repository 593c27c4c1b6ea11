using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

public sealed class ClipsApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task ANotesClipIsItsMomentOnTheRecordingWithASignedUrlThatPlays()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(25_000, "confusion");
        var recording = await scenario.UploadRecordingAsync(RandomNumberGenerator.GetBytes(5_000), clockOffsetMs: 3_000, durationMs: 120_000);

        var clip = (await scenario.Observer.GetFromJsonAsync<Clip>($"{scenario.SessionPath}/notes/{noteId}/clip", RecordingScenario.Json))!;
        var played = await scenario.Observer.GetAsync(clip.FragmentUrl);

        Assert.Equal(recording.Id, clip.RecordingId);
        Assert.Equal((12.0, 42.0), (clip.StartSeconds, clip.EndSeconds));
        Assert.Equal(clip.Playback.Url + "#t=12,42", clip.FragmentUrl);
        Assert.InRange(clip.Playback.ExpiresAt, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(16));
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal(5_000, (await played.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task AnAdjustedClipWindowIsKeptForTheNoteAndOnlyTheModeratorOrOwnerMayAdjustIt()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(20_000);
        await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);
        var clipPath = $"{scenario.SessionPath}/notes/{noteId}/clip";

        var byObserver = await scenario.Observer.PutAsJsonAsync(clipPath, new { beforeSeconds = 2, afterSeconds = 5 });
        var adjusted = await scenario.Moderator.PutAsJsonAsync(clipPath, new { beforeSeconds = 2, afterSeconds = 5 });
        var later = (await scenario.Observer.GetFromJsonAsync<Clip>(clipPath, RecordingScenario.Json))!;
        var preview = (await scenario.Observer.GetFromJsonAsync<Clip>($"{clipPath}?afterSeconds=1.5", RecordingScenario.Json))!;
        var invalid = await scenario.Moderator.PutAsJsonAsync(clipPath, new { beforeSeconds = -1, afterSeconds = 5 });

        Assert.Equal(HttpStatusCode.Forbidden, byObserver.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        Assert.Equal((18.0, 25.0, 2.0, 5.0), (later.StartSeconds, later.EndSeconds, later.BeforeSeconds, later.AfterSeconds));
        Assert.Equal((18.0, 21.5), (preview.StartSeconds, preview.EndSeconds));
        Assert.Equal("invalidRequest", await RecordingScenario.ProblemCodeAsync(invalid));
    }

    [Fact]
    public async Task AClipWindowIsKeptOnlyWithBothSidesGiven()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(20_000);
        await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);
        var clipPath = $"{scenario.SessionPath}/notes/{noteId}/clip";

        var beforeOnly = await scenario.Moderator.PutAsJsonAsync(clipPath, new { beforeSeconds = 5 });
        var afterOnly = await scenario.Moderator.PutAsJsonAsync(clipPath, new { afterSeconds = 5 });
        var neither = await scenario.Moderator.PutAsJsonAsync(clipPath, new { });
        var kept = (await scenario.Observer.GetFromJsonAsync<Clip>(clipPath, RecordingScenario.Json))!;

        Assert.Equal(["afterSeconds"], await RecordingScenario.InvalidFieldsAsync(beforeOnly));
        Assert.Equal(["beforeSeconds"], await RecordingScenario.InvalidFieldsAsync(afterOnly));
        Assert.Equal(["beforeSeconds", "afterSeconds"], await RecordingScenario.InvalidFieldsAsync(neither));
        Assert.Equal((10.0, 20.0), (kept.BeforeSeconds, kept.AfterSeconds));
    }

    [Fact]
    public async Task AHighlightReelHoldsATagsClipsInSessionClockOrderAndNamesNotesNoRecordingShows()
    {
        var scenario = await LiveSessionAsync();
        var late = await scenario.AddNoteAsync(28_000, "confusion");
        var beforeRecording = await scenario.AddNoteAsync(1_000, "confusion");
        await scenario.AddNoteAsync(15_000);
        var early = await scenario.AddNoteAsync(9_000, "confusion");
        await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 5_000, durationMs: 60_000);

        var reel = (await scenario.Observer.GetFromJsonAsync<HighlightReel>($"{scenario.SessionPath}/highlights/CONFUSION", RecordingScenario.Json))!;

        Assert.Equal("confusion", reel.Tag);
        Assert.Equal([early, late], reel.Clips.Select(c => c.NoteId));
        Assert.Equal([(0.0, 24.0), (13.0, 43.0)], reel.Clips.Select(c => (c.StartSeconds, c.EndSeconds)));
        Assert.Equal(beforeRecording, Assert.Single(reel.NotesWithoutRecording));
    }

    [Fact]
    public async Task AHighlightReelTakesItsTagWithOrWithoutTheHashAndATagFoundNowhereIsNotFound()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(10_000, "confusion");
        await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);
        var untagged = await LiveSessionAsync();

        var withHash = (await scenario.Observer.GetFromJsonAsync<HighlightReel>($"{scenario.SessionPath}/highlights/%23Confusion", RecordingScenario.Json))!;
        var paletteOnly = (await untagged.Observer.GetFromJsonAsync<HighlightReel>($"{untagged.SessionPath}/highlights/confusion", RecordingScenario.Json))!;
        var nowhere = await scenario.Observer.GetAsync($"{scenario.SessionPath}/highlights/nope");

        Assert.Equal(("confusion", noteId), (withHash.Tag, Assert.Single(withHash.Clips).NoteId));
        Assert.Equal("confusion", paletteOnly.Tag);
        Assert.Empty(paletteOnly.Clips);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal("tagNotFound", await RecordingScenario.ProblemCodeAsync(nowhere));
    }

    [Fact]
    public async Task ANoteNoCompleteRecordingShowsHasNoClip()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(10_000);
        await scenario.CreateRecordingAsync(clockOffsetMs: 0);

        var response = await scenario.Moderator.GetAsync($"{scenario.SessionPath}/notes/{noteId}/clip");
        var unknownNote = await scenario.Moderator.GetAsync($"{scenario.SessionPath}/notes/{Guid.NewGuid()}/clip");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("noRecordingCoversNote", await RecordingScenario.ProblemCodeAsync(response));
        Assert.Equal("noteNotFound", await RecordingScenario.ProblemCodeAsync(unknownNote));
    }

    [Fact]
    public async Task AnEmptyRecordingIdAsksForNoRecordingInParticular()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(25_000);
        var recording = await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);

        var response = await scenario.Observer.GetAsync($"{scenario.SessionPath}/notes/{noteId}/clip?recordingId=");
        var unknown = await scenario.Observer.GetAsync($"{scenario.SessionPath}/notes/{noteId}/clip?recordingId=rec_nope");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(recording.Id, (await response.Content.ReadFromJsonAsync<Clip>(RecordingScenario.Json))!.RecordingId);
        Assert.Equal("recordingNotFound", await RecordingScenario.ProblemCodeAsync(unknown));
    }

    [Theory]
    [InlineData("beforeSeconds=1,5", "beforeSeconds")]
    [InlineData("beforeSeconds=1&beforeSeconds=2", "beforeSeconds")]
    [InlineData("afterSeconds=1,000", "afterSeconds")]
    [InlineData("afterSeconds=", "afterSeconds")]
    [InlineData("beforeSeconds=ten", "beforeSeconds")]
    public async Task AWindowInTheQueryIsOneNumberWithAPointForDecimalsOrAnInvalidRequest(string query, string field)
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(25_000);
        await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);
        var clipPath = $"{scenario.SessionPath}/notes/{noteId}/clip";

        var clip = await scenario.Observer.GetAsync($"{clipPath}?{query}");
        var export = await scenario.Observer.PostAsync($"{clipPath}/export?{query}", null);

        Assert.Equal([field], await RecordingScenario.InvalidFieldsAsync(clip));
        Assert.Equal([field], await RecordingScenario.InvalidFieldsAsync(export));
    }

    [Fact]
    public async Task AWindowInTheQueryTakesDecimalsAndExponents()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(25_000);
        await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);

        var clip = (await scenario.Observer.GetFromJsonAsync<Clip>($"{scenario.SessionPath}/notes/{noteId}/clip?beforeSeconds=1.5&afterSeconds=2e1", RecordingScenario.Json))!;

        Assert.Equal((1.5, 20.0), (clip.BeforeSeconds, clip.AfterSeconds));
        Assert.Equal((23.5, 45.0), (clip.StartSeconds, clip.EndSeconds));
    }

    [Fact]
    public async Task AParticipantGetsNeitherClipsNorReels()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(10_000, "confusion");
        await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);

        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Participant.GetAsync($"{scenario.SessionPath}/notes/{noteId}/clip")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Participant.GetAsync($"{scenario.SessionPath}/highlights/confusion")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Participant.PostAsync($"{scenario.SessionPath}/notes/{noteId}/clip/export", null)).StatusCode);
    }

    [Fact]
    public async Task CorrectingAnUploadedFilesClockOffsetMovesItsClips()
    {
        var scenario = await LiveSessionAsync();
        var noteId = await scenario.AddNoteAsync(20_000);
        var recording = await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000, kind: "uploadedFile", contentType: "video/mp4");

        var corrected = await scenario.Moderator.PatchAsJsonAsync($"{scenario.SessionPath}/recordings/{recording.Id}", new { clockOffsetMs = -7_000 });
        var clip = (await scenario.Moderator.GetFromJsonAsync<Clip>($"{scenario.SessionPath}/notes/{noteId}/clip", RecordingScenario.Json))!;

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal((17.0, 47.0), (clip.StartSeconds, clip.EndSeconds));
        Assert.Equal("video/mp4", clip.Playback.ContentType);
    }

    private async Task<RecordingScenario> LiveSessionAsync()
    {
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        return scenario;
    }
}
