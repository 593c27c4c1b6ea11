using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Alias("SessionLab.TaskOutcome")]
public enum TaskOutcome
{
    Success,
    Partial,
    Fail,
    Skipped,
}
