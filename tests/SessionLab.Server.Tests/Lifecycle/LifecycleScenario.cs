using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Recordings;
using SessionLab.Server.Lifecycle;
using SessionLab.Server.Tests.Recordings;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Lifecycle;

/// <summary>What deleting tests share: a session with a recording and an exported clip, and what the blob store still holds.</summary>
internal static class LifecycleScenario
{
    /// <summary>A live session with one note, a finished recording of <paramref name="bytes"/> and one exported clip of it, then ended.</summary>
    public static async Task<(RecordingScenario Scenario, Recording Recording, BlobName Clip)> RecordedSessionAsync(SessionLabFactory server, byte[] bytes)
    {
        var scenario = await RecordingScenario.CreateAsync(server);
        await scenario.StartSessionAsync();
        var noteId = await scenario.AddNoteAsync(2_000, "confusion");
        var recording = await scenario.UploadRecordingAsync(bytes, clockOffsetMs: 0, durationMs: 10_000, chunkBytes: 40_000);
        // An exported clip is a blob beside the recording; written here as the exporter names it, without needing ffmpeg.
        var clip = FfmpegClipExporter.ClipBlobName(await scenario.CatalogEntryAsync(recording.Id), noteId, new ClipRange(0, 5_000));
        await PutBlobAsync(server, clip, [1, 2, 3]);
        await scenario.EndSessionAsync();
        return (scenario, recording, clip);
    }

    public static IBlobStore Blobs(SessionLabFactory server) => server.Services.GetRequiredService<IBlobStore>();

    public static async Task<List<string>> BlobNamesAsync(SessionLabFactory server, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in Blobs(server).ListAsync(prefix, CancellationToken.None))
        {
            names.Add(blob.Name.Value);
        }
        return names;
    }

    public static async Task PutBlobAsync(SessionLabFactory server, BlobName name, byte[] bytes)
    {
        var block = BlockId.FromIndex(0);
        await Blobs(server).StageBlockAsync(name, block, new MemoryStream(bytes), bytes.Length, CancellationToken.None);
        await Blobs(server).CommitBlockListAsync(name, [block], "video/mp4", CancellationToken.None);
    }

    public static async Task<DeletionPreview> PreviewAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<DeletionPreview>(path, SessionLabFactory.Json))!;
}
