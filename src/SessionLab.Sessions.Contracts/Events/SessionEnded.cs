using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// The session ended. <see cref="RunningTask"/> is the task that was still running, ended in the same event so the
/// log can never hold an ended session with a task in progress.
/// </summary>
[GenerateSerializer, Immutable, Alias("SessionLab.SessionEnded")]
public sealed record SessionEnded(long ClockOffsetMs, RunningTaskEnded? RunningTask = null) : SessionEvent;
