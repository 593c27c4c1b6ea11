namespace SessionLab.Sessions;

public enum SessionStatus
{
    Scheduled,
    Live,
    Ended,
}
