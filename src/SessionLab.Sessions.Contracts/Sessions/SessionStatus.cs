using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Alias("SessionLab.SessionStatus")]
public enum SessionStatus
{
    Scheduled,
    Live,
    Ended,

    /// <summary>Called off before it started; it never runs.</summary>
    Cancelled,

    /// <summary>The participant did not come; it never runs.</summary>
    NoShow,
}
