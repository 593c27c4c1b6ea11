namespace SessionLab.Storage.Sharing;

/// <summary>What a view-only link opens.</summary>
public enum ShareScope
{
    /// <summary>The study's report, in every format, and the clip of every note it links to.</summary>
    Report,

    /// <summary>One note's clip.</summary>
    Clip,

    /// <summary>One session's highlight reel of one tag.</summary>
    Highlights,
}
