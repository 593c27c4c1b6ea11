namespace SessionLab.Recordings;

/// <summary>The <c>Recordings:Export</c> configuration section.</summary>
public sealed class ClipExportOptions
{
    public const string SectionName = "Recordings:Export";

    /// <summary>The ffmpeg executable; when unset, <c>ffmpeg</c> is looked up on PATH.</summary>
    public string? FfmpegPath { get; set; }

    /// <summary>An export still running after this is stopped: a stuck ffmpeg must not hold a core forever.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Encoding is CPU-bound; more exports at once would slow the live sessions on the same machine.</summary>
    public int MaxConcurrentExports { get; set; } = 1;
}
