using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace SessionLab.Recordings;

/// <summary>
/// Serves the local store's signed playback URLs with HTTP range requests, which is how a video element seeks.
/// The signature is the only credential: whoever holds an unexpired URL may watch that one blob, nobody else anything.
/// </summary>
internal static class PlaybackEndpoint
{
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ServeAsync(
        string blobName,
        [FromQuery(Name = PlaybackUrlSigner.ExpiresParameter)] string? expires,
        [FromQuery(Name = PlaybackUrlSigner.SignatureParameter)] string? signature,
        PlaybackUrlSigner signer,
        IBlobStore store,
        ILoggerFactory loggers,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var verdict = signer.Verify(blobName, expires, signature);
        if (verdict != PlaybackUrlVerdict.Valid)
        {
            var logger = loggers.CreateLogger(typeof(PlaybackEndpoint));
            RecordingsLog.PlaybackRefused(logger, blobName, verdict);
            return verdict == PlaybackUrlVerdict.Expired
                ? RecordingProblems.From(RecordingErrorCode.PlaybackUrlExpired, "This playback link has expired; ask for the clip again to get a fresh one.")
                : RecordingProblems.From(RecordingErrorCode.PlaybackUrlInvalid, "This playback link was not issued by this server or was altered.");
        }

        var name = BlobName.Parse(blobName);
        BlobProperties properties;
        try
        {
            properties = await store.GetPropertiesAsync(name, cancellationToken);
        }
        catch (BlobNotFoundException)
        {
            return RecordingProblems.From(RecordingErrorCode.RecordingNotFound, "This recording no longer exists.");
        }

        // Ranges are in bytes only. A range in another unit (items=0-1) is ignored, as RFC 9110 asks of a unit the
        // server does not know, so the whole file is served rather than bytes the client did not ask for.
        if (http.Request.Headers.Range.Count > 0
            && !(RangeHeaderValue.TryParse(http.Request.Headers.Range.ToString(), out var range) && string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase)))
        {
            http.Request.Headers.Remove(HeaderNames.Range);
        }
        else if (http.Request.Headers.Range.Count > 0 && http.Request.Headers.IfRange.Count == 0
            && RangeHeaderValue.TryParse(http.Request.Headers.Range.ToString(), out var bytes) && bytes.Ranges.Count == 1
            && !Satisfiable(bytes.Ranges.First(), properties.Length))
        {
            // The framework answers this 416 with the video's content type and no body; every refusal here is a problem
            // with its code, so a player or a client author can tell it from a broken link.
            http.Response.Headers.ContentRange = $"bytes */{properties.Length}";
            return RecordingProblems.From(RecordingErrorCode.RangeNotSatisfiable, $"The recording has {properties.Length} bytes; the range asked for starts past its end.");
        }

        // Uploaded media is served as its allow-listed type only, never sniffed into something a browser would run.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private";
        return TypedResults.Stream(
            new SeekableBlobStream(store, name, properties.Length),
            properties.ContentType,
            lastModified: properties.LastModified,
            entityTag: EntityTagHeaderValue.Parse(properties.ETag),
            enableRangeProcessing: true);
    }

    /// <summary>RFC 9110 §14.1.2: a range is satisfiable if it starts within the content, or is a suffix of at least one byte.</summary>
    private static bool Satisfiable(RangeItemHeaderValue range, long length) =>
        range.From is { } from ? from < length : range.To is > 0 && length > 0;
}
