namespace SessionLab.Sessions;

public sealed record SessionEnded(long ClockOffsetMs) : SessionEvent;
