namespace SessionLab.Recordings;

/// <summary>Where a note's clip falls: a stretch of one recording, or why there is none.</summary>
internal sealed record ClipPlacement(Recording? Recording, ClipRange Range, RecordingErrorCode? Error, string? Detail)
{
    public static ClipPlacement On(Recording recording, ClipRange range) => new(recording, range, null, null);

    public static ClipPlacement None(RecordingErrorCode error, string detail) => new(null, default, error, detail);
}
