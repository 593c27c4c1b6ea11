using Orleans;

namespace SessionLab.Sessions;

[GenerateSerializer, Immutable, Alias("SessionLab.EndTaskRequest")]
public sealed record EndTaskRequest(
    Guid CommandId,
    string TaskId,
    TaskOutcome Outcome,
    int Errors = 0,
    int Assists = 0,
    string? Comment = null) : ISessionCommand;
