using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SessionLab.Recordings.Tests;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>The recordings API over Azure Blob Storage (the Azurite emulator) instead of the local folder.</summary>
public sealed class AzureRecordingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AResumedUploadToAzurePlaysFromAShortLivedSasUrlWithRangeRequests()
    {
        using var server = new SessionLabFactory
        {
            Settings =
            {
                ["Recordings:ConnectionString"] = azurite.ConnectionString,
                ["Recordings:Container"] = $"rec{Guid.NewGuid():N}",
            },
        };
        var scenario = await RecordingScenario.CreateAsync(server);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(20_000);
        var bytes = RandomNumberGenerator.GetBytes(6 * 50_000 + 17);

        var (recording, afterDrop) = await scenario.UploadThroughADroppedConnectionAsync(bytes, chunkBytes: 50_000, dropAt: 3).WaitAsync(TestTimeouts.Startup);
        var clip = (await scenario.Observer.GetFromJsonAsync<Clip>($"{scenario.SessionPath}/notes/{noteId}/clip", RecordingScenario.Json).WaitAsync(TestTimeouts.Step))!;
        using var anonymous = new HttpClient();
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, clip.Playback.Url) { Headers = { Range = new RangeHeaderValue(120_000, 120_099) } };
        using var range = await anonymous.SendAsync(rangeRequest).WaitAsync(TestTimeouts.Step);
        var whole = await anonymous.GetByteArrayAsync(clip.Playback.Url).WaitAsync(TestTimeouts.Step);

        Assert.Equal([0, 1, 2], afterDrop.Chunks.Select(c => c.Index));
        Assert.Equal(RecordingStatus.Complete, recording.Status);
        Assert.StartsWith(azurite.BlobEndpoint.AbsoluteUri, clip.Playback.Url, StringComparison.Ordinal);
        Assert.Contains("sp=r", clip.Playback.Url, StringComparison.Ordinal);
        Assert.Equal((10.0, 40.0), (clip.StartSeconds, clip.EndSeconds));
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(bytes[120_000..120_100], await range.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Step));
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(whole));
    }

    [Fact]
    public async Task AnAzurePlaybackLinkOpensOnlyItsOwnRecordingAndATamperedOneIsRefused()
    {
        using var server = new SessionLabFactory
        {
            Settings =
            {
                ["Recordings:ConnectionString"] = azurite.ConnectionString,
                ["Recordings:Container"] = $"rec{Guid.NewGuid():N}",
            },
        };
        var scenario = await RecordingScenario.CreateAsync(server);
        await scenario.StartSessionAsync();
        var firstBytes = RandomNumberGenerator.GetBytes(30_000);
        var first = await scenario.UploadRecordingAsync(firstBytes, clockOffsetMs: 0, durationMs: 10_000).WaitAsync(TestTimeouts.Startup);
        var second = await scenario.UploadRecordingAsync(RandomNumberGenerator.GetBytes(20_000), clockOffsetMs: 0, durationMs: 10_000).WaitAsync(TestTimeouts.Startup);
        var firstUrl = new Uri((await scenario.GetPlaybackAsync(first.Id).WaitAsync(TestTimeouts.Step)).Url);
        var secondUrl = new Uri((await scenario.GetPlaybackAsync(second.Id).WaitAsync(TestTimeouts.Step)).Url);
        var query = System.Web.HttpUtility.ParseQueryString(firstUrl.Query);
        var signature = query["sig"]!;
        query["sig"] = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        using var anonymous = new HttpClient();

        using var own = await anonymous.GetAsync(firstUrl).WaitAsync(TestTimeouts.Step);
        using var firstSasOnSecond = await anonymous.GetAsync(new UriBuilder(secondUrl) { Query = firstUrl.Query.TrimStart('?') }.Uri).WaitAsync(TestTimeouts.Step);
        using var secondSasOnFirst = await anonymous.GetAsync(new UriBuilder(firstUrl) { Query = secondUrl.Query.TrimStart('?') }.Uri).WaitAsync(TestTimeouts.Step);
        using var tampered = await anonymous.GetAsync(new UriBuilder(firstUrl) { Query = query.ToString() }.Uri).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(firstBytes, await own.Content.ReadAsByteArrayAsync().WaitAsync(TestTimeouts.Step));
        Assert.NotEqual(firstUrl.AbsolutePath, secondUrl.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, firstSasOnSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, secondSasOnFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    [Fact]
    public async Task AnAccountThatRefusesTheKeyGetsStorageUnavailableAndNoRecordingIsCatalogued()
    {
        var wrongKey = Convert.ToBase64String([.. Enumerable.Range(0, 64).Select(i => (byte)(i * 3))]);
        using var server = new SessionLabFactory
        {
            Settings =
            {
                ["Recordings:ConnectionString"] = azurite.ConnectionStringWithKey(wrongKey),
                ["Recordings:Container"] = $"rec{Guid.NewGuid():N}",
            },
        };
        var scenario = await RecordingScenario.CreateAsync(server).WaitAsync(TestTimeouts.Startup);
        await scenario.StartSessionAsync().WaitAsync(TestTimeouts.Step);

        using var response = await scenario.PostRecordingAsync(scenario.Moderator, new { kind = "liveCapture", contentType = "video/webm", clockOffsetMs = 0 }).WaitAsync(TestTimeouts.Step);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("storageUnavailable", await RecordingScenario.ProblemCodeAsync(response).WaitAsync(TestTimeouts.Step));
        Assert.Empty((await scenario.Moderator.GetFromJsonAsync<Recording[]>($"{scenario.SessionPath}/recordings", RecordingScenario.Json).WaitAsync(TestTimeouts.Step))!);
    }

    /// <summary>ffmpeg reads the recording from Azure Blob Storage and the MP4 goes back there; without ffmpeg the server says so.</summary>
    [Fact]
    public async Task AClipOfARecordingInAzureExportsAsAnMp4KeptInAzure()
    {
        using var server = new SessionLabFactory
        {
            Settings =
            {
                ["Recordings:ConnectionString"] = azurite.ConnectionString,
                ["Recordings:Container"] = $"rec{Guid.NewGuid():N}",
            },
        };
        var ffmpeg = Ffmpeg.Find("ffmpeg");
        var scenario = await RecordingScenario.CreateAsync(server);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(25_000);
        var exportPath = $"{scenario.SessionPath}/notes/{noteId}/clip/export";
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

            var response = await scenario.Observer.PostAsync(exportPath, null).WaitAsync(TestTimeouts.Startup);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var export = (await response.Content.ReadFromJsonAsync<ClipExport>(RecordingScenario.Json))!;
            using var anonymous = new HttpClient();
            var mp4 = await anonymous.GetByteArrayAsync(export.Download.Url).WaitAsync(TestTimeouts.Step);

            Assert.StartsWith(azurite.BlobEndpoint.AbsoluteUri, export.Download.Url, StringComparison.Ordinal);
            Assert.Equal(mp4.Length, export.Bytes);
            Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(mp4, 4, 4));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
