namespace SessionLab.Sessions;

/// <summary>Bounds every client and the server agree on; the server enforces them.</summary>
public static class SessionLimits
{
    public const int MaxNoteLength = 2_000;
    public const int MaxTagsPerNote = 20;
    public const int MaxCommentLength = 2_000;
    public const int MaxDisplayNameLength = 80;
    public const int SusItemCount = 10;
    public const int SeqMin = 1;
    public const int SeqMax = 7;
    public const int SusMin = 1;
    public const int SusMax = 5;
    public const int MaxCounter = 999;

    /// <summary>How far ahead of the server's session clock a note may be stamped (client clock skew).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(30);
}
