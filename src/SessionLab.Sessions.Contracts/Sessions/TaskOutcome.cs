using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Alias("SessionLab.TaskOutcome")]
public enum TaskOutcome
{
    Success,
    Partial,
    Fail,
    Skipped,

    /// <summary>The session ended while the task was running and nobody marked how it went.</summary>
    Abandoned,
}
