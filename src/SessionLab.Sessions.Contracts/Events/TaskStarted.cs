using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.TaskStarted")]
public sealed record TaskStarted(string TaskId, long ClockOffsetMs) : SessionEvent;
