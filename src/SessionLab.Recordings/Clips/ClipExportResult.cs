
namespace SessionLab.Recordings;

/// <summary>An exported clip's blob, or why there is none (ffmpeg missing, or ffmpeg failing on this recording).</summary>
internal sealed record ClipExportResult(BlobProperties? Blob, RecordingErrorCode? Error, string? Detail)
{
    public static ClipExportResult Exported(BlobProperties blob) => new(blob, null, null);

    public static ClipExportResult Failed(RecordingErrorCode error, string detail) => new(null, error, detail);
}
