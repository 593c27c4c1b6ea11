namespace SessionLab.Sessions;

public enum TaskOutcome
{
    Success,
    Partial,
    Fail,
    Skipped,
}
