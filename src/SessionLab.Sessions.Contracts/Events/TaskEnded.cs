using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.TaskEnded")]
public sealed record TaskEnded(string TaskId, long ClockOffsetMs, TaskOutcome Outcome, int Errors, int Assists, string? Comment) : SessionEvent;
