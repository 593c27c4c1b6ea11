using System.Net;
using System.Net.Http.Json;
using System.Text;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

public sealed class ClipExportTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task WithoutFfmpegTheCapabilitiesAndTheExportSayTheFeatureNeedsIt()
    {
        using var withoutFfmpeg = new SessionLabFactory { Settings = { ["Recordings:Export:FfmpegPath"] = "/nonexistent/ffmpeg" } };
        var scenario = await RecordingScenario.CreateAsync(withoutFfmpeg);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(10_000);
        await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);

        var capabilities = (await scenario.Observer.GetFromJsonAsync<RecordingCapabilities>("/api/recordings/capabilities", RecordingScenario.Json))!;
        var export = await scenario.Observer.PostAsync($"{scenario.SessionPath}/notes/{noteId}/clip/export", null);

        Assert.False(capabilities.ClipExport);
        Assert.Contains("ffmpeg", capabilities.ClipExportUnavailableReason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotImplemented, export.StatusCode);
        Assert.Equal("ffmpegUnavailable", await RecordingScenario.ProblemCodeAsync(export));
    }

    /// <summary>On a machine without ffmpeg this checks the server says so; with it, a real export.</summary>
    [Fact]
    public async Task WhereFfmpegIsInstalledAClipExportsAsAnMp4OfItsOwn()
    {
        var ffmpeg = Ffmpeg.Find("ffmpeg");
        var scenario = await RecordingScenario.CreateAsync(factory);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(25_000);
        var exportPath = $"{scenario.SessionPath}/notes/{noteId}/clip/export";
        var capabilities = (await scenario.Observer.GetFromJsonAsync<RecordingCapabilities>("/api/recordings/capabilities", RecordingScenario.Json))!;
        Assert.Equal(ffmpeg is not null, capabilities.ClipExport);
        if (ffmpeg is null)
        {
            await scenario.UploadRecordingAsync(new byte[100], clockOffsetMs: 0, durationMs: 60_000);
            Assert.Equal("ffmpegUnavailable", await RecordingScenario.ProblemCodeAsync(await scenario.Observer.PostAsync(exportPath, null)));
            return;
        }

        var work = Directory.CreateTempSubdirectory("sessionlab-export-test-");
        try
        {
            var sample = Path.Combine(work.FullName, "sample.webm");
            await Ffmpeg.MakeSampleRecordingAsync(ffmpeg, sample, seconds: 40);
            await scenario.UploadRecordingAsync(await File.ReadAllBytesAsync(sample), clockOffsetMs: 0, durationMs: 40_000, kind: "uploadedFile");

            var response = await scenario.Observer.PostAsync(exportPath, null);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var export = (await response.Content.ReadFromJsonAsync<ClipExport>(RecordingScenario.Json))!;
            var mp4 = await scenario.Observer.GetByteArrayAsync(export.Download.Url);
            var clip = Path.Combine(work.FullName, "clip.mp4");
            await File.WriteAllBytesAsync(clip, mp4);
            var again = (await (await scenario.Observer.PostAsync(exportPath, null)).Content.ReadFromJsonAsync<ClipExport>(RecordingScenario.Json))!;

            Assert.Equal((15.0, 40.0), (export.StartSeconds, export.EndSeconds));
            Assert.Equal("video/mp4", export.Download.ContentType);
            Assert.Equal(mp4.Length, export.Bytes);
            Assert.Equal("ftyp", Encoding.ASCII.GetString(mp4, 4, 4));
            Assert.InRange(await Ffmpeg.DurationSecondsAsync(Ffmpeg.Find("ffprobe")!, clip), 24.5, 25.5);
            Assert.Equal(export.Bytes, again.Bytes);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
