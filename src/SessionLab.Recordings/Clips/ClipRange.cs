using System.Globalization;

namespace SessionLab.Recordings;

/// <summary>A stretch of one recording, in milliseconds from its first frame.</summary>
public readonly record struct ClipRange(long StartMs, long EndMs)
{
    public double StartSeconds => StartMs / 1000.0;

    public double EndSeconds => EndMs / 1000.0;

    public long DurationMs => EndMs - StartMs;

    /// <summary>The W3C media fragment (<c>#t=12.5,42.5</c>) that makes a player start and stop at the clip's ends.</summary>
    public string MediaFragment => string.Create(CultureInfo.InvariantCulture, $"#t={StartSeconds:0.###},{EndSeconds:0.###}");
}
