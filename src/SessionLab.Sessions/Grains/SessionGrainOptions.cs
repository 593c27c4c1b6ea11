namespace SessionLab.Sessions.Grains;

/// <summary>The <c>Sessions</c> settings: how many commands one session takes, from everyone together and from one connection.</summary>
public sealed class SessionGrainOptions
{
    public const string SectionName = "Sessions";

    /// <summary>Commands per second a session takes, sustained.</summary>
    public int CommandsPerSecond { get; set; } = SessionLimits.SessionCommandsPerSecond;

    /// <summary>Commands a session takes at once after a quiet spell.</summary>
    public int CommandBurst { get; set; } = SessionLimits.SessionCommandBurst;

    /// <summary>Commands per second one connection may send, sustained.</summary>
    public int ConnectionCommandsPerSecond { get; set; } = SessionLimits.ConnectionCommandsPerSecond;

    /// <summary>Commands one connection may send at once after a quiet spell.</summary>
    public int ConnectionCommandBurst { get; set; } = SessionLimits.ConnectionCommandBurst;
}
