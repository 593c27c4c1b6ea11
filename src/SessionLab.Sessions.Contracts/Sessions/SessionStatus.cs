using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Alias("SessionLab.SessionStatus")]
public enum SessionStatus
{
    Scheduled,
    Live,
    Ended,
}
