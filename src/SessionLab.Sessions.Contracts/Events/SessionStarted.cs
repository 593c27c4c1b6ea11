namespace SessionLab.Sessions;

/// <summary>The session clock starts at this event's recorded time; every offset is measured from it.</summary>
public sealed record SessionStarted : SessionEvent;
