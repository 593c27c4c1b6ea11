namespace SessionLab.Reports;

/// <summary>A stretch of the session clock a complete recording shows; <see cref="EndMs"/> is open while its length is unknown.</summary>
public sealed record RecordedSpan(long StartMs, long? EndMs)
{
    public bool Covers(long clockMs) => clockMs >= StartMs && (EndMs is not { } end || clockMs <= end);
}
