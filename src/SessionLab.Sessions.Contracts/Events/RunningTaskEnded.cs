using Orleans;

namespace SessionLab.Sessions;

/// <summary>How the task that was running when the session ended was marked: an outcome, or abandoned.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.RunningTaskEnded")]
public sealed record RunningTaskEnded(string TaskId, TaskOutcome Outcome);
