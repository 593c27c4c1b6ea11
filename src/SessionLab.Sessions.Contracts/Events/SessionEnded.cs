using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.SessionEnded")]
public sealed record SessionEnded(long ClockOffsetMs) : SessionEvent;
