using Orleans;

namespace SessionLab.Sessions;

/// <summary>The session clock starts at this event's recorded time; every offset is measured from it.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionStarted")]
public sealed record SessionStarted : SessionEvent;
