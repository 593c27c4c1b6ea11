namespace SessionLab.Sessions;

public sealed record TaskStarted(string TaskId, long ClockOffsetMs) : SessionEvent;
