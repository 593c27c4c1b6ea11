using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Apis;
using SessionLab.Recordings;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Recordings;

/// <summary>A fresh study and session of its own, with a client per role, and the steps of a recording upload.</summary>
public sealed class RecordingScenario
{
    private static readonly Actor ModeratorActor = new("moderator", "Mo", SessionRole.Moderator);

    private RecordingScenario(SessionLabFactory server, TeamStudy study, SessionSummary session,
        HttpClient owner, HttpClient moderator, HttpClient observer, HttpClient participant)
    {
        Server = server;
        Study = study;
        Session = session;
        Owner = owner;
        Moderator = moderator;
        Observer = observer;
        Participant = participant;
    }

    public SessionLabFactory Server { get; }

    public TeamStudy Study { get; }

    public SessionSummary Session { get; }

    public string SessionPath => $"/api/sessions/{Session.Id}";

    public HttpClient Owner { get; }

    public HttpClient Moderator { get; }

    public HttpClient Observer { get; }

    public HttpClient Participant { get; }

    /// <summary>
    /// A new client for the moderator without redirect handling, which buffers a request body whole before sending it:
    /// for uploads whose body arrives slowly.
    /// </summary>
    public HttpClient CreateStreamingModeratorClient()
    {
        var client = Server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = Moderator.DefaultRequestHeaders.Authorization;
        return client;
    }

    public static JsonSerializerOptions Json => SessionLabFactory.Json;

    /// <summary>A study with one session, in the first workspace or, with <paramref name="memberToken"/>, in that member's.</summary>
    public static async Task<RecordingScenario> CreateAsync(SessionLabFactory server, string? memberToken = null)
    {
        var study = await server.CreateStudyAsync(memberToken);
        var session = await server.CreateSessionAsync(study);
        return new RecordingScenario(
            server, study, session,
            server.ClientWith(study.MemberToken),
            server.ClientWith((await server.InviteAsync(study, session.Id, SessionRole.Moderator)).Token),
            server.ClientWith((await server.InviteAsync(study, session.Id, SessionRole.Observer)).Token),
            server.ClientWith((await server.InviteAsync(study, session.Id, SessionRole.Participant)).Token));
    }

    public async Task StartSessionAsync()
    {
        var result = await Grain.StartSessionAsync(ModeratorActor, new StartSessionRequest(Guid.NewGuid()), CancellationToken.None);
        Assert.True(result.Ok, result.Error?.Message);
    }

    /// <summary>The instant the session started by its log; it must have started.</summary>
    public async Task<DateTimeOffset> SessionStartedAtAsync() =>
        (await Grain.GetStateAsync(CancellationToken.None))?.StartedAt ?? throw new InvalidOperationException("The session has not started.");

    /// <summary>Ends the session as its owner does from the study page; it need not have started.</summary>
    public async Task EndSessionAsync()
    {
        var response = await Owner.PostAsync($"{SessionPath}/end", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A note at <paramref name="clockMs"/> on the session clock; the session must be live, and the moment at most 30 s ahead of its clock.</summary>
    public async Task<Guid> AddNoteAsync(long clockMs, params string[] tags)
    {
        var noteId = Guid.NewGuid();
        var result = await Grain.AddNoteAsync(ModeratorActor, new AddNoteRequest(Guid.NewGuid(), noteId, clockMs, $"At {clockMs} ms", [.. tags], NoteKind.Observation), CancellationToken.None);
        Assert.True(result.Ok, result.Error?.Message);
        return noteId;
    }

    public Task<HttpResponseMessage> PostRecordingAsync(HttpClient client, object request) => client.PostAsJsonAsync($"{SessionPath}/recordings", request, Json);

    public async Task<Recording> CreateRecordingAsync(string kind = "liveCapture", string contentType = "video/webm", long? clockOffsetMs = 0, long? expectedBytes = null)
    {
        var response = await PostRecordingAsync(Moderator, new { kind, contentType, clockOffsetMs, expectedBytes });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Recording>(Json))!;
    }

    public Task<HttpResponseMessage> PutChunkAsync(HttpClient client, string recordingId, int index, HttpContent content) =>
        client.PutAsync($"{SessionPath}/recordings/{recordingId}/chunks/{index}", content);

    public async Task PutChunkAsync(string recordingId, int index, byte[] bytes)
    {
        var response = await PutChunkAsync(Moderator, recordingId, index, new ByteArrayContent(bytes));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<UploadStatus> GetUploadStatusAsync(string recordingId) =>
        (await Moderator.GetFromJsonAsync<UploadStatus>($"{SessionPath}/recordings/{recordingId}/upload", Json))!;

    public Task<HttpResponseMessage> CompleteAsync(string recordingId, int chunkCount, long? durationMs = null) =>
        Moderator.PostAsJsonAsync($"{SessionPath}/recordings/{recordingId}/complete", new { chunkCount, durationMs }, Json);

    /// <summary>Creates, uploads in chunks and completes a recording of <paramref name="bytes"/>.</summary>
    public async Task<Recording> UploadRecordingAsync(byte[] bytes, long clockOffsetMs, long? durationMs, int chunkBytes = 64 * 1024, string kind = "liveCapture", string contentType = "video/webm")
    {
        var recording = await CreateRecordingAsync(kind, contentType, clockOffsetMs);
        var chunks = bytes.Chunk(chunkBytes).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            await PutChunkAsync(recording.Id, i, chunks[i]);
        }
        var completed = await CompleteAsync(recording.Id, chunks.Count, durationMs);
        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        return (await completed.Content.ReadFromJsonAsync<Recording>(Json))!;
    }

    /// <summary>
    /// Uploads chunks up to <paramref name="dropAt"/>, loses the connection half-way through that chunk, then resumes as
    /// a client would: asks which chunks the server holds, sends the others, completes. Returns what the status said.
    /// </summary>
    public async Task<(Recording Recording, UploadStatus AfterDrop)> UploadThroughADroppedConnectionAsync(byte[] bytes, int chunkBytes, int dropAt)
    {
        var chunks = bytes.Chunk(chunkBytes).ToList();
        var recording = await CreateRecordingAsync();
        for (var i = 0; i < dropAt; i++)
        {
            await PutChunkAsync(recording.Id, i, chunks[i]);
        }
        await Assert.ThrowsAnyAsync<Exception>(() => PutChunkAsync(Moderator, recording.Id, dropAt, new InterruptedContent(chunks[dropAt], chunks[dropAt].Length / 2)));

        var status = await GetUploadStatusAsync(recording.Id);
        foreach (var index in Enumerable.Range(0, chunks.Count).Except(status.Chunks.Select(c => c.Index)))
        {
            await PutChunkAsync(recording.Id, index, chunks[index]);
        }
        var completed = await CompleteAsync(recording.Id, chunks.Count, durationMs: 60_000);
        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        return ((await completed.Content.ReadFromJsonAsync<Recording>(Json))!, status);
    }

    public async Task<PlaybackLink> GetPlaybackAsync(string recordingId) =>
        (await Moderator.GetFromJsonAsync<PlaybackLink>($"{SessionPath}/recordings/{recordingId}/playback", Json))!;

    /// <summary>The server's own record of the recording, blob name included, which the API never shows.</summary>
    public async Task<Recording> CatalogEntryAsync(string recordingId) =>
        (await Server.Services.GetRequiredService<IRecordingCatalog>().FindAsync(Session.Id, recordingId, CancellationToken.None))!;

    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
    }

    /// <summary>The fields a 400 <c>invalidRequest</c> names under <c>errors</c>.</summary>
    public static async Task<string[]> InvalidFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalidRequest", problem.GetProperty("code").GetString());
        return problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
    }

    private ISessionGrain Grain => Server.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionGrain>(Session.Id);
}
