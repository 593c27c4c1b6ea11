using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SessionLab.Sessions;

namespace SessionLab.Recordings;

/// <summary>
/// Recordings of a session: created by the study owner or the session's moderator, uploaded chunk by chunk (each chunk
/// one staged block, streamed straight to the blob store), resumable from the upload status, committed in order on
/// completion. Reading (listing, playback links, clips) is open to the owner, the moderator and observers; a
/// participant's invite opens none of it.
/// </summary>
public static class RecordingsApi
{
    private const bool TeamMayRead = true;
    private const bool OnlyOwnerOrModerator = false;

    /// <summary>How far the moment a live capture says it began may be from the server's clock.</summary>
    private static readonly TimeSpan LiveCaptureClockTolerance = TimeSpan.FromMinutes(5);

    public static RouteGroupBuilder MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/recordings/capabilities", GetCapabilities).WithTags("Recordings");
        var signer = app.ServiceProvider.GetRequiredService<PlaybackUrlSigner>();
        app.MapMethods(signer.BasePath + "/{**blobName}", [HttpMethods.Get, HttpMethods.Head], PlaybackEndpoint.ServeAsync).WithTags("Recordings");

        var api = app.MapGroup("/api/sessions/{sessionId}").WithTags("Recordings");
        api.MapPost("/recordings", CreateAsync);
        api.MapGet("/recordings", ListAsync);
        api.MapGet("/recordings/{recordingId}", GetAsync);
        api.MapPatch("/recordings/{recordingId}", UpdateAsync);
        api.MapPut("/recordings/{recordingId}/chunks/{index:int}", PutChunkAsync);
        api.MapGet("/recordings/{recordingId}/upload", GetUploadStatusAsync);
        api.MapPost("/recordings/{recordingId}/complete", CompleteAsync);
        api.MapGet("/recordings/{recordingId}/playback", GetPlaybackAsync);
        ClipsApi.MapClips(api);
        return api;
    }

    internal static Ok<RecordingCapabilities> GetCapabilities(FfmpegClipExporter exporter, IOptions<RecordingStorageOptions> options)
    {
        var ffmpeg = exporter.LocateFfmpeg(out var reason);
        return TypedResults.Ok(new RecordingCapabilities(
            ffmpeg is not null, reason, [.. RecordingContentTypes.Allowed.Order(StringComparer.Ordinal)],
            options.Value.MaxBlockBytes, options.Value.MaxRecordingBytes,
            ClipWindow.Default.BeforeMs / 1000.0, ClipWindow.Default.AfterMs / 1000.0));
    }

    internal static async Task<Results<Created<Recording>, ProblemHttpResult>> CreateAsync(
        string sessionId, CreateRecordingRequest? request, IRecordingAccess access, IRecordingCatalog catalog, RecordingContainer container,
        IStorageQuota quota, IOptions<RecordingStorageOptions> options, TimeProvider time, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, OnlyOwnerOrModerator, shareRead: null, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        if (request is null)
        {
            return RecordingProblems.From(RecordingErrorCode.InvalidRequest, "Say what the recording is: kind liveCapture or uploadedFile, and its contentType.");
        }
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            return RecordingProblems.Invalid("kind is required: liveCapture or uploadedFile.", "kind");
        }
        if (string.IsNullOrWhiteSpace(request.ContentType))
        {
            return RecordingProblems.Invalid($"contentType is required: one of {string.Join(", ", RecordingContentTypes.Allowed)}.", "contentType");
        }
        if (!RecordingContentTypes.TryNormalize(request.ContentType, out var contentType))
        {
            return RecordingProblems.From(RecordingErrorCode.UnsupportedContentType,
                $"'{request.ContentType}' is not a recording type this server keeps; use one of {string.Join(", ", RecordingContentTypes.Allowed)}.");
        }
        var max = options.Value.MaxRecordingBytes;
        if (request.ExpectedBytes is { } expected && (expected <= 0 || expected > max))
        {
            return expected <= 0
                ? RecordingProblems.From(RecordingErrorCode.InvalidRequest, "expectedBytes must be more than 0.")
                : RecordingProblems.From(RecordingErrorCode.RecordingTooLarge, $"A recording can be at most {max} bytes; this one is {expected}.", [new("maxRecordingBytes", max)]);
        }
        if (TimingError(request.ClockOffsetMs, request.DurationMs) is { } timingError)
        {
            return timingError;
        }
        if (request.ClockOffsetMs is not null && request.StartedAt is not null)
        {
            return RecordingProblems.Invalid("Send either startedAt (when capture began) or clockOffsetMs (where it starts on the session clock), not both.", "startedAt");
        }
        var state = granted.State!;

        // Nothing can be captured live once a session is over; a file recorded elsewhere is still uploaded afterwards.
        if (kind == RecordingKind.LiveCapture && state.Status == SessionStatus.Ended)
        {
            return RecordingProblems.From(RecordingErrorCode.SessionEnded, "The session has ended; upload its recording as an uploadedFile instead.");
        }
        // A size announced up front is refused up front; a recording of unknown size needs at least its first byte.
        if (await quota.CheckAsync(state.StudyId, request.ExpectedBytes ?? 1, cancellationToken) is { } full)
        {
            return RecordingProblems.QuotaReached(full);
        }
        var now = WholeMicroseconds(time.GetUtcNow());
        // A live capture is being recorded as it is created, so the instant it began is near now by any honest clock.
        if (kind == RecordingKind.LiveCapture && request.StartedAt is { } claimed && (claimed - now).Duration() > LiveCaptureClockTolerance)
        {
            return RecordingProblems.Invalid(
                $"startedAt must be when this capture began, within {LiveCaptureClockTolerance.TotalMinutes:0} minutes of the server's clock; it is {claimed:O} and the server's clock reads {now:O}.", "startedAt");
        }
        var captureStartedAt = request.StartedAt is { } startedAt ? WholeMicroseconds(startedAt)
            : kind == RecordingKind.LiveCapture && request.ClockOffsetMs is null ? now
            : (DateTimeOffset?)null;
        var id = "rec_" + Guid.NewGuid().ToString("N")[..16];
        var recording = new Recording(
            id, sessionId, state.StudyId, kind, contentType, request.ClockOffsetMs ?? 0,
            request.DurationMs, request.ExpectedBytes, RecordingStatus.Uploading, null, null, granted.Actor!.Id, now, null, captureStartedAt,
            BlobName.Parse($"studies/{state.StudyId}/sessions/{sessionId}/recordings/{id}{RecordingContentTypes.ExtensionOf(contentType)}"))
            .OnSessionClock(state.StartedAt);
        // Only a start given as an instant can land here: an offset given directly was checked above.
        if (TimingError(recording.ClockOffsetMs, null) is not null)
        {
            return RecordingProblems.Invalid("startedAt must be within a day of the session's start.", "startedAt");
        }
        try
        {
            await container.EnsureAsync(cancellationToken);
        }
        catch (Exception error) when (error is BlobStoreException or HttpRequestException or IOException)
        {
            return StorageUnavailable(loggers, sessionId, error);
        }
        await catalog.AddAsync(recording, cancellationToken);
        var logger = Logger(loggers);
        RecordingsLog.Created(logger, sessionId, id, recording.Kind, contentType);
        return TypedResults.Created($"/api/sessions/{sessionId}/recordings/{id}", recording);
    }

    internal static async Task<Results<Ok<IReadOnlyList<Recording>>, ProblemHttpResult>> ListAsync(
        string sessionId, IRecordingAccess access, IRecordingCatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, TeamMayRead, shareRead: null, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return denied;
        }
        var recordings = await catalog.ListAsync(sessionId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<Recording>>([.. recordings.Select(r => r.OnSessionClock(granted.State!.StartedAt))]);
    }

    internal static async Task<Results<Ok<Recording>, ProblemHttpResult>> GetAsync(
        string sessionId, string recordingId, IRecordingAccess access, IRecordingCatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await FindAsync(sessionId, recordingId, TeamMayRead, access, catalog, http, cancellationToken);
        return found.Problem is { } problem ? problem : TypedResults.Ok(found.Recording!);
    }

    internal static async Task<Results<Ok<Recording>, ProblemHttpResult>> UpdateAsync(
        string sessionId, string recordingId, UpdateRecordingRequest? request, IRecordingAccess access, IRecordingCatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await FindAsync(sessionId, recordingId, OnlyOwnerOrModerator, access, catalog, http, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }
        if (request is null || (request.ClockOffsetMs is null && request.DurationMs is null))
        {
            return RecordingProblems.From(RecordingErrorCode.InvalidRequest, "Send clockOffsetMs, durationMs or both.");
        }
        if (TimingError(request.ClockOffsetMs, request.DurationMs) is { } timingError)
        {
            return timingError;
        }
        // An offset given here is a person's re-alignment: it stands, whatever the capture's start said.
        await catalog.UpdateTimingAsync(recordingId, request.ClockOffsetMs, request.DurationMs, cancellationToken);
        return TypedResults.Ok((await catalog.FindAsync(sessionId, recordingId, cancellationToken))!.OnSessionClock(found.SessionStartedAt));
    }

    internal static async Task<Results<Ok<UploadedChunk>, ProblemHttpResult>> PutChunkAsync(
        string sessionId, string recordingId, int index, IRecordingAccess access, IRecordingCatalog catalog, IGrainFactory grains,
        IOptions<RecordingStorageOptions> options, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await FindAsync(sessionId, recordingId, OnlyOwnerOrModerator, access, catalog, http, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }
        var recording = found.Recording!;
        var limits = options.Value;
        if (recording.Status == RecordingStatus.Complete)
        {
            return RecordingProblems.From(RecordingErrorCode.RecordingAlreadyComplete, "This recording is complete; it takes no more chunks.");
        }
        if (index is < 0 or >= BlockId.MaxBlocksPerBlob)
        {
            return RecordingProblems.From(RecordingErrorCode.InvalidRequest, $"The chunk index must be between 0 and {BlockId.MaxBlocksPerBlob - 1}.");
        }
        if (http.Request.ContentLength is not { } length)
        {
            return RecordingProblems.From(RecordingErrorCode.LengthRequired, "Send each chunk with a Content-Length header.");
        }
        if (length == 0)
        {
            return RecordingProblems.From(RecordingErrorCode.InvalidRequest, "A chunk must hold at least one byte.");
        }
        if (length > limits.MaxBlockBytes)
        {
            return RecordingProblems.From(RecordingErrorCode.ChunkTooLarge, $"A chunk can be at most {limits.MaxBlockBytes} bytes; this one is {length}.", [new("maxChunkBytes", limits.MaxBlockBytes)]);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limits.MaxBlockBytes;
        }
        var chunk = new byte[length];
        try
        {
            // The whole chunk is read before the recording's turn, so a slow uploader holds up nobody else.
            await http.Request.Body.ReadExactlyAsync(chunk, cancellationToken);
        }
        catch (Exception error) when (error is EndOfStreamException or InvalidDataException or BadHttpRequestException || (error is IOException && http.RequestAborted.IsCancellationRequested))
        {
            // Nothing is staged from a chunk that did not arrive whole, so sending it again is always safe.
            var logger = Logger(loggers);
            RecordingsLog.ChunkIncomplete(logger, sessionId, recordingId, index, error);
            return RecordingProblems.From(RecordingErrorCode.ChunkIncomplete, $"Chunk {index} did not arrive whole ({length} bytes were announced); send it again.");
        }

        // The size check and the staging are one turn of the recording's grain, wherever in the cluster the other
        // chunks arrive: chunks sent in parallel cannot all pass the check before any is staged, and a completion
        // cannot commit while a chunk is half-way in.
        if (await grains.GetGrain<IRecordingGrain>(recordingId).StageChunkAsync(sessionId, index, chunk, cancellationToken) is { } refused)
        {
            return refused.ToProblem();
        }
        return TypedResults.Ok(new UploadedChunk(index, length, Committed: false));
    }

    internal static async Task<Results<Ok<UploadStatus>, ProblemHttpResult>> GetUploadStatusAsync(
        string sessionId, string recordingId, IRecordingAccess access, IRecordingCatalog catalog, IBlobStore store,
        IOptions<RecordingStorageOptions> options, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await FindAsync(sessionId, recordingId, OnlyOwnerOrModerator, access, catalog, http, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }
        BlockList blocks;
        try
        {
            blocks = await store.GetBlockListAsync(found.Recording!.BlobName, cancellationToken);
        }
        catch (BlobStoreException error)
        {
            return StorageUnavailable(loggers, sessionId, error);
        }
        ImmutableArray<UploadedChunk> chunks =
        [
            .. blocks.Committed.Select(b => (Block: b, Committed: true))
                .Concat(blocks.Uncommitted.Select(b => (Block: b, Committed: false)))
                .Where(c => c.Block.Id.Index is not null)
                .Select(c => new UploadedChunk(c.Block.Id.Index!.Value, c.Block.Size, c.Committed))
                .OrderBy(c => c.Index),
        ];
        return TypedResults.Ok(new UploadStatus(
            recordingId, found.Recording.Status, chunks, chunks.Sum(c => c.Bytes), options.Value.MaxBlockBytes, options.Value.MaxRecordingBytes));
    }

    internal static async Task<Results<Ok<Recording>, ProblemHttpResult>> CompleteAsync(
        string sessionId, string recordingId, CompleteRecordingRequest? request, IRecordingAccess access, IRecordingCatalog catalog, IGrainFactory grains,
        IActivityLog activity, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await FindAsync(sessionId, recordingId, OnlyOwnerOrModerator, access, catalog, http, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }
        if (request is null || request.ChunkCount is < 1 or > BlockId.MaxBlocksPerBlob)
        {
            return RecordingProblems.From(RecordingErrorCode.InvalidRequest, $"chunkCount must be between 1 and {BlockId.MaxBlocksPerBlob}.");
        }
        if (TimingError(null, request.DurationMs) is { } timingError)
        {
            return timingError;
        }

        // Completions and chunks of one recording take turns in its grain, across the cluster, so a completion decides
        // on the state it commits, and a retry that raced the first attempt finds it finished instead of committing
        // again over it.
        if (await grains.GetGrain<IRecordingGrain>(recordingId).CompleteAsync(sessionId, request.ChunkCount, request.DurationMs, cancellationToken) is { } refused)
        {
            return refused.ToProblem();
        }
        var completed = (await catalog.FindAsync(sessionId, recordingId, cancellationToken))!.OnSessionClock(found.SessionStartedAt);
        // A retried completion of a recording already complete was told to the audit log the first time.
        if (found.Recording!.Status != RecordingStatus.Complete)
        {
            await activity.RecordAsync(http, completed.StudyId, "recording.uploaded", $"{completed.Id} of session {sessionId}",
                $"{completed.Bytes} bytes, {completed.ContentType}", CancellationToken.None);
        }
        return TypedResults.Ok(completed);
    }

    internal static async Task<Results<Ok<PlaybackLink>, ProblemHttpResult>> GetPlaybackAsync(
        string sessionId, string recordingId, IRecordingAccess access, IRecordingCatalog catalog, PlaybackLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await FindAsync(sessionId, recordingId, TeamMayRead, access, catalog, http, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }
        if (found.Recording!.Status != RecordingStatus.Complete)
        {
            return RecordingProblems.From(RecordingErrorCode.RecordingNotComplete, "This recording is still uploading; it plays once it is complete.");
        }
        return TypedResults.Ok(await links.CreateAsync(found.Recording.BlobName, found.Recording.ContentType, http.Request, cancellationToken));
    }

    /// <summary>Authorizes the caller for the session, then finds the recording within that session only, placed on its clock.</summary>
    internal static async Task<(Recording? Recording, ProblemHttpResult? Problem, DateTimeOffset? SessionStartedAt)> FindAsync(
        string sessionId, string recordingId, bool observersAllowed, IRecordingAccess access, IRecordingCatalog catalog, HttpContext http, CancellationToken cancellationToken)
    {
        var granted = await access.RequireSessionAsync(http, sessionId, observersAllowed, shareRead: null, cancellationToken);
        if (granted.Problem is { } denied)
        {
            return (null, denied, null);
        }
        var startedAt = granted.State!.StartedAt;
        return await catalog.FindAsync(sessionId, recordingId, cancellationToken) is { } recording
            ? (recording.OnSessionClock(startedAt), null, startedAt)
            : (null, RecordingProblems.From(RecordingErrorCode.RecordingNotFound, $"Session '{sessionId}' has no recording '{recordingId}'."), startedAt);
    }

    // Whole microseconds: the finest the catalog keeps in every store, so the answer here matches every later read.
    private static DateTimeOffset WholeMicroseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(RecordingsApi));

    private static ProblemHttpResult? TimingError(long? clockOffsetMs, long? durationMs)
    {
        const long day = 24 * 60 * 60 * 1000L;
        if (clockOffsetMs is < -day or > day)
        {
            return RecordingProblems.From(RecordingErrorCode.InvalidRequest, "clockOffsetMs must be within a day of the session's start.");
        }
        return durationMs is < 0 or > day
            ? RecordingProblems.From(RecordingErrorCode.InvalidRequest, "durationMs must be between 0 and a day.")
            : null;
    }

    private static ProblemHttpResult StorageUnavailable(ILoggerFactory loggers, string sessionId, Exception error)
    {
        var logger = Logger(loggers);
        RecordingsLog.StorageFailed(logger, sessionId, error);
        return RecordingProblems.From(RecordingErrorCode.StorageUnavailable, "Recording storage did not answer; try again shortly.");
    }
}
