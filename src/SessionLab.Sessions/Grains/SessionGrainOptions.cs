namespace SessionLab.Sessions.Grains;

/// <summary>
/// The <c>Sessions</c> settings: how many commands one session takes, from everyone together and from one connection,
/// and how long a session nobody is in stays in memory.
/// </summary>
public sealed class SessionGrainOptions
{
    public const string SectionName = "Sessions";

    /// <summary>The session grain's class, as Orleans names it in per-class settings such as its collection age.</summary>
    public static string GrainClassName { get; } = typeof(SessionGrain).FullName!;

    /// <summary>Commands per second a session takes, sustained.</summary>
    public int CommandsPerSecond { get; set; } = SessionLimits.SessionCommandsPerSecond;

    /// <summary>Commands a session takes at once after a quiet spell.</summary>
    public int CommandBurst { get; set; } = SessionLimits.SessionCommandBurst;

    /// <summary>Commands per second one connection may send, sustained.</summary>
    public int ConnectionCommandsPerSecond { get; set; } = SessionLimits.ConnectionCommandsPerSecond;

    /// <summary>Commands one connection may send at once after a quiet spell.</summary>
    public int ConnectionCommandBurst { get; set; } = SessionLimits.ConnectionCommandBurst;

    /// <summary>
    /// How long a session's grain stays in memory once nothing has called it: no command, and no node with anyone in
    /// the session (each such node's relay calls it every few seconds). A full session holds up to 5,000 notes of
    /// 2,000 characters; one nobody is in is cheap to load again from its log, so it need not hold them for long.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(2);
}
