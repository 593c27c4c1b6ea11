namespace SessionLab.Recordings;

/// <summary>How much of the recording around a note its clip shows: <see cref="BeforeMs"/> before the note's moment and <see cref="AfterMs"/> after.</summary>
public sealed record ClipWindow(long BeforeMs, long AfterMs)
{
    /// <summary>Long enough to see what led up to the moment and what followed it.</summary>
    public static ClipWindow Default { get; } = new(10_000, 20_000);

    /// <summary>A clip is a moment, not a chapter; longer stretches are watched in the full recording.</summary>
    public const long MaxSideMs = 5 * 60_000;

    /// <summary>Checks a window given in seconds, as the API takes it; null and an error when it is out of range.</summary>
    public static ClipWindow? FromSeconds(double beforeSeconds, double afterSeconds, out string? error)
    {
        if (!double.IsFinite(beforeSeconds) || !double.IsFinite(afterSeconds)
            || beforeSeconds < 0 || afterSeconds < 0 || beforeSeconds * 1000 > MaxSideMs || afterSeconds * 1000 > MaxSideMs)
        {
            error = $"beforeSeconds and afterSeconds must each be between 0 and {MaxSideMs / 1000}.";
            return null;
        }
        var window = new ClipWindow((long)Math.Round(beforeSeconds * 1000), (long)Math.Round(afterSeconds * 1000));
        if (window.BeforeMs + window.AfterMs == 0)
        {
            error = "A clip must last longer than 0 seconds.";
            return null;
        }
        error = null;
        return window;
    }

    /// <summary>
    /// Places the window around the session-clock moment <paramref name="noteClockMs"/> on a recording whose first frame
    /// is at session clock <paramref name="recordingClockOffsetMs"/>, clamped to the recording's start and, when its
    /// <paramref name="recordingDurationMs"/> is known, its end. Null when the moment is not in the recording.
    /// </summary>
    public ClipRange? OnRecording(long noteClockMs, long recordingClockOffsetMs, long? recordingDurationMs)
    {
        var moment = noteClockMs - recordingClockOffsetMs;
        if (moment < 0 || (recordingDurationMs is { } length && moment > length))
        {
            return null;
        }
        var start = Math.Max(0, moment - BeforeMs);
        var end = recordingDurationMs is { } duration ? Math.Min(duration, moment + AfterMs) : moment + AfterMs;
        return end > start ? new ClipRange(start, end) : null;
    }
}
