using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionLab.Recordings;

/// <summary>RFC 9457 problem details for the recordings API, shaped like the rest of the API's: a type URI and a <c>code</c> member.</summary>
internal static class RecordingProblems
{
    public static ProblemHttpResult From(RecordingErrorCode code, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(code.ToString());
        var members = new Dictionary<string, object?> { ["code"] = name };
        foreach (var (key, value) in extensions ?? [])
        {
            members[key] = value;
        }
        return TypedResults.Problem(detail: detail, statusCode: StatusFor(code), title: TitleFor(code), type: $"https://sessionlab.dev/problems/{name}", extensions: members);
    }

    /// <summary>An invalid request naming the fields at fault under <c>errors</c>, as validation problems do elsewhere.</summary>
    public static ProblemHttpResult Invalid(string detail, params IEnumerable<string> fields) =>
        From(RecordingErrorCode.InvalidRequest, detail, [new("errors", fields.ToDictionary(field => field, _ => new[] { detail }))]);

    /// <summary>The workspace's recordings would go over its storage quota: how much it holds, its limit, what to do.</summary>
    public static ProblemHttpResult QuotaReached(StorageQuotaRefusal refusal) =>
        From(RecordingErrorCode.StorageQuotaReached, refusal.Detail, [new("usedBytes", refusal.UsedBytes), new("limitBytes", refusal.LimitBytes)]);

    private static int StatusFor(RecordingErrorCode code) => code switch
    {
        RecordingErrorCode.UnsupportedContentType => StatusCodes.Status415UnsupportedMediaType,
        RecordingErrorCode.LengthRequired => StatusCodes.Status411LengthRequired,
        RecordingErrorCode.ChunkTooLarge or RecordingErrorCode.RecordingTooLarge => StatusCodes.Status413PayloadTooLarge,
        RecordingErrorCode.ChunksMissing or RecordingErrorCode.SizeMismatch or RecordingErrorCode.RecordingNotComplete
            or RecordingErrorCode.RecordingAlreadyComplete or RecordingErrorCode.SessionEnded => StatusCodes.Status409Conflict,
        RecordingErrorCode.RecordingNotFound or RecordingErrorCode.NoteNotFound or RecordingErrorCode.NoRecordingCoversNote
            or RecordingErrorCode.TagNotFound => StatusCodes.Status404NotFound,
        // Azure answers an expired or forged SAS with 403 too; the code tells the player whether asking again helps.
        RecordingErrorCode.PlaybackUrlInvalid or RecordingErrorCode.PlaybackUrlExpired => StatusCodes.Status403Forbidden,
        RecordingErrorCode.FfmpegUnavailable => StatusCodes.Status501NotImplemented,
        RecordingErrorCode.ExportFailed => StatusCodes.Status422UnprocessableEntity,
        RecordingErrorCode.StorageUnavailable => StatusCodes.Status503ServiceUnavailable,
        RecordingErrorCode.RangeNotSatisfiable => StatusCodes.Status416RangeNotSatisfiable,
        // 507, not 413: the request is not too large in itself (that is recordingTooLarge); the workspace has no room
        // left for it. 507 says the server cannot store what the request needs, which a smaller request or the same
        // one later, once room is made, may well fit; WebDAV servers answer a full quota the same way.
        RecordingErrorCode.StorageQuotaReached => StatusCodes.Status507InsufficientStorage,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleFor(RecordingErrorCode code) => code switch
    {
        RecordingErrorCode.UnsupportedContentType => "Unsupported recording type",
        RecordingErrorCode.LengthRequired => "Content-Length required",
        RecordingErrorCode.ChunkTooLarge => "Chunk too large",
        RecordingErrorCode.RecordingTooLarge => "Recording too large",
        RecordingErrorCode.ChunkIncomplete => "Chunk incomplete",
        RecordingErrorCode.ChunksMissing => "Chunks missing",
        RecordingErrorCode.SizeMismatch => "Size mismatch",
        RecordingErrorCode.RecordingNotFound => "Recording not found",
        RecordingErrorCode.RecordingNotComplete => "Recording not complete",
        RecordingErrorCode.RecordingAlreadyComplete => "Recording already complete",
        RecordingErrorCode.NoteNotFound => "Note not found",
        RecordingErrorCode.NoRecordingCoversNote => "No recording covers this note",
        RecordingErrorCode.PlaybackUrlInvalid => "Invalid playback link",
        RecordingErrorCode.PlaybackUrlExpired => "Playback link expired",
        RecordingErrorCode.RangeNotSatisfiable => "Range not satisfiable",
        RecordingErrorCode.FfmpegUnavailable => "Clip export needs ffmpeg",
        RecordingErrorCode.ExportFailed => "Clip export failed",
        RecordingErrorCode.StorageUnavailable => "Recording storage unavailable",
        RecordingErrorCode.SessionEnded => "Session ended",
        RecordingErrorCode.TagNotFound => "Tag not found",
        RecordingErrorCode.StorageQuotaReached => "Storage quota reached",
        _ => "Request refused",
    };
}
