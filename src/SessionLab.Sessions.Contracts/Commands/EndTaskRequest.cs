using Orleans;

namespace SessionLab.Sessions;

/// <summary>Ends the running task. <see cref="Outcome"/> is required: a missing one is refused, never read as success.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.EndTaskRequest")]
public sealed record EndTaskRequest(
    Guid CommandId,
    string TaskId,
    TaskOutcome? Outcome,
    int Errors = 0,
    int Assists = 0,
    string? Comment = null) : ISessionCommand;
