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

    /// <summary>Notes one session keeps; far above any real session (a busy 90-minute test has a few hundred).</summary>
    public const int MaxNotesPerSession = 5_000;

    /// <summary>Open connections through one invite link: a team sharing one observer link, with a few tabs each.</summary>
    public const int MaxConnectionsPerInvite = 40;

    /// <summary>Open connections to one session, across every node.</summary>
    public const int MaxConnectionsPerSession = 150;

    /// <summary>Commands one connection may send per second, sustained; <see cref="ConnectionCommandBurst"/> at once.</summary>
    public const int ConnectionCommandsPerSecond = 10;

    public const int ConnectionCommandBurst = 30;

    /// <summary>Commands one session takes per second from everyone together, sustained; <see cref="SessionCommandBurst"/> at once.</summary>
    public const int SessionCommandsPerSecond = 60;

    public const int SessionCommandBurst = 200;

    /// <summary>Presence is sent at most this often per session, with every change since the last one.</summary>
    public static readonly TimeSpan PresenceInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How far ahead of the server's session clock a note may be stamped (client clock skew).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(30);
}
